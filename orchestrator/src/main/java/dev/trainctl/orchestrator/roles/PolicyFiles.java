package dev.trainctl.orchestrator.roles;

import com.google.gson.JsonParseException;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.json.StrictJson;
import dev.trainctl.training.files.JsonErrors;
import dev.trainctl.training.files.LimitedFiles;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import static dev.trainctl.orchestrator.cli.TrainctlException.usageIfInvalid;


/**
 * Policy documents given as files ({@code --trust-file}, {@code --policy-file}, {@code --trust-policy-file},
 * {@code --role-policy-file}): a role's documents before the role exists, or instead of the ones in IAM. A file is
 * named by its file name in findings; a missing or unreadable file is a usage error naming the option.
 */
public final class PolicyFiles {

    /** Far above IAM's largest document (a managed policy holds at most 6,144 characters, an inline one 10,240). */
    static final long POLICY_LIMIT = 1 << 20;

    private PolicyFiles() {}

    /** The file's text, URL-decoded if it is (as IAM returns documents); IllegalArgumentException naming the option. */
    public static String read(String file, String option) {
        String text;
        try {
            text = PolicyJson.decode(LimitedFiles.readString(Path.of(file), POLICY_LIMIT, "a policy document"));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(option + " " + file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        return text;
    }

    /** {@link #read}, and the text must be a JSON object: a policy document. */
    static String document(String file, String option) {
        String text = read(file, option);
        try {
            if (!StrictJson.parse(text).isJsonObject()) {
                throw new IllegalArgumentException(option + " " + file + ": a policy document is a JSON object");
            }
        } catch (StrictJson.DuplicateKeyException e) {
            throw new IllegalArgumentException(option + " " + file + " is ambiguous: " + e.getMessage());
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(option + " " + file + ": " + JsonErrors.failure(e) + " (" + JsonErrors.describe(e)
                    + ")");
        }
        return text;
    }

    /** The trust policy given with {@code option}, if any. */
    public static Optional<PolicyDocument> trust(Invocation invocation, String option) {
        return invocation.value(option).map(file -> new PolicyDocument(Path.of(file).getFileName().toString(),
                PolicyKind.TRUST, null, usageIfInvalid(() -> document(file, "--" + option))));
    }

    /** The permissions boundary given with {@code option}, if any. */
    public static Optional<PolicyDocument> boundary(Invocation invocation, String option) {
        return invocation.value(option).map(file -> new PolicyDocument(Path.of(file).getFileName().toString(),
                PolicyKind.PERMISSIONS_BOUNDARY, null, usageIfInvalid(() -> document(file, "--" + option))));
    }

    /** The key policy given with {@code option} for the key {@code keyOption} names, if any. */
    public static Optional<PolicyDocument> keyPolicy(Invocation invocation, String option, String keyOption) {
        return invocation.value(option).map(file -> new PolicyDocument(Path.of(file).getFileName().toString(),
                PolicyKind.KEY_POLICY, invocation.value(keyOption).orElse(null),
                usageIfInvalid(() -> document(file, "--" + option))));
    }

    /**
     * Trust policies of named roles, given with the repeatable {@code option} as {@code ROLE_ARN=FILE}, by the role's
     * ARN; a role given twice is a usage error.
     */
    public static Map<String, PolicyDocument> roleTrusts(Invocation invocation, String option) {
        String[] values = invocation.commandLine().getOptionValues(option);
        Map<String, PolicyDocument> trusts = new LinkedHashMap<>();
        for (String value : values == null ? new String[0] : values) {
            int equals = value.indexOf('=');
            if (equals < 0) {
                throw TrainctlException.usage("--" + option + " " + value + ": give ROLE_ARN=FILE");
            }
            String role = usageIfInvalid(() -> RoleArn.parse(value.substring(0, equals))).toString();
            String file = value.substring(equals + 1);
            PolicyDocument trust = new PolicyDocument(Path.of(file).getFileName().toString(), PolicyKind.TRUST, null,
                    usageIfInvalid(() -> document(file, "--" + option)));
            if (trusts.put(role, trust) != null) {
                throw TrainctlException.usage("--" + option + ": " + role + " is given twice");
            }
        }
        return trusts;
    }

    /** The permission policies given with the repeatable {@code option}, as inline policies. */
    public static List<PolicyDocument> permissions(Invocation invocation, String option) {
        String[] files = invocation.commandLine().getOptionValues(option);
        return files == null ? List.of() : Arrays.stream(files).map(file -> PolicyDocument.inline(
                Path.of(file).getFileName().toString(), usageIfInvalid(() -> document(file, "--" + option))))
                .toList();
    }
}
