package dev.trainctl.orchestrator.roles;

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

    public RoleArn {
        if (!account.matches("\\d{12}") || name.isBlank()) {
            throw new IllegalArgumentException("not a role ARN: account " + account + ", name " + name);
        }
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
