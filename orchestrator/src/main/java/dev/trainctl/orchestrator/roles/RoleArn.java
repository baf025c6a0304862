package dev.trainctl.orchestrator.roles;

import dev.trainctl.orchestrator.aws.ModelConstraints;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IAM role ARN, split into its parts: {@code arn:PARTITION:iam::ACCOUNT:role/PATH/NAME}.
 *
 * @param partition aws, aws-cn, aws-us-gov
 * @param account the 12-digit account ID
 * @param path the role path, "/" when there is none
 * @param name the role name (what {@code GetRole} takes)
 */
public record RoleArn(String partition, String account, String path, String name) {

    private static final Pattern ROLE = Pattern.compile("arn:(aws[a-z-]*):iam::(\\d{12}):role(/(?:[^/]+/)*)?([\\w+=,.@-]+)");

    /** IAM's limits (CreateRole): a role name has at most 64 characters, a path at most 512. */
    static final int MAX_NAME_LENGTH = 64;
    static final int MAX_PATH_LENGTH = 512;

    public RoleArn {
        if (!account.matches("\\d{12}") || name.isBlank()) {
            throw new IllegalArgumentException("not a role ARN: account " + account + ", name " + name);
        }
        if (name.length() > MAX_NAME_LENGTH || path.length() > MAX_PATH_LENGTH) {
            throw new IllegalArgumentException("not a role ARN: IAM role names have at most " + MAX_NAME_LENGTH
                    + " characters and paths at most " + MAX_PATH_LENGTH + ", got " + name.length() + " and "
                    + path.length());
        }
    }

    /**
     * The role a SageMaker job runs as ({@code --role-arn} of {@code train} and {@code tune}, on SageMaker or
     * emulated): an IAM role ARN that also fits CreateTrainingJob's RoleArn pattern, which allows fewer characters in
     * the path than IAM does.
     */
    public static RoleArn forJob(String arn) {
        ModelConstraints.JOB_ROLE_ARN.require("--role-arn", arn == null ? "" : arn.trim());
        return parse(arn);
    }

    public static RoleArn parse(String arn) {
        Matcher m = ROLE.matcher(arn == null ? "" : arn.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("--role-arn must be an IAM role ARN such as "
                    + "arn:aws:iam::123456789012:role/trainctl-mnist-execution, got '" + arn + "'");
        }
        return new RoleArn(m.group(1), m.group(2), m.group(3) == null ? "/" : m.group(3), m.group(4));
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":iam::" + account + ":role" + path + name;
    }
}
