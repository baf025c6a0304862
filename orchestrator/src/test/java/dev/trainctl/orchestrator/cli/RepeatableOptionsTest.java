package dev.trainctl.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.Commands;
import dev.trainctl.orchestrator.docs.Docs;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.policy.ExecutionRolePolicies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.cli.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every option documented as repeatable (its --help says "repeatable", the docs call it repeatable) may be given
 * more than once, and every value takes effect; any other option given twice stays a usage error. Each repeatable
 * option is repeated here through the real command line.
 */
class RepeatableOptionsTest {

    private static final ResourceNames NAMES = ResourceNames.of("aws", "123456789012", "us-east-1", "trainctl-mnist");
    private static final Pattern DOCS_OPTION = Pattern.compile("`--([a-z][a-z0-9-]*)[^`]*`");

    @TempDir
    Path dir;

    /** (command, option) for every option whose help says it is repeatable. */
    private static Set<String> documentedInHelp() {
        Set<String> found = new TreeSet<>();
        for (Command command : Commands.all()) {
            for (Option option : command.options().getOptions()) {
                if (option.getDescription() != null && option.getDescription().contains("repeatable")) {
                    found.add(String.join(" ", command.path()) + " --" + option.getLongOpt());
                }
            }
        }
        return found;
    }

    private static Set<String> declaredRepeatable() {
        Set<String> found = new TreeSet<>();
        for (Command command : Commands.all()) {
            for (Option option : command.options().getOptions()) {
                if (command.rules().isRepeatable(option.getLongOpt())) {
                    found.add(String.join(" ", command.path()) + " --" + option.getLongOpt());
                }
            }
        }
        return found;
    }

    @Test
    void anOptionMayBeRepeatedExactlyWhenItsHelpSaysSo() {
        assertThat(documentedInHelp()).containsExactlyInAnyOrder("deploy --role-policy-file", "policy simulate --policy-file",
                "policy simulate --context", "role check --policy-file", "train --role-policy-file",
                "tune --role-policy-file", "policy lint --policy-file", "role check --caller-policy-file",
                "role check --role-trust-file");
        assertThat(declaredRepeatable()).isEqualTo(documentedInHelp());
    }

    @Test
    void everyOptionTheDocsCallRepeatableIsRepeatable() throws IOException {
        Set<String> inReadme = new TreeSet<>();
        for (String line : Docs.all().stream().flatMap(doc -> doc.lines().stream()).toList()) {
            if (line.toLowerCase(java.util.Locale.ROOT).contains("repeatable")) {
                Matcher option = DOCS_OPTION.matcher(line);
                while (option.find()) {
                    inReadme.add(option.group(1));
                }
            }
        }
        Set<String> repeatable = new TreeSet<>();
        declaredRepeatable().forEach(entry -> repeatable.add(entry.substring(entry.indexOf("--") + 2)));

        assertThat(inReadme).containsAll(repeatable);
        // Options that only share a line of the docs with a repeatable one (--trust-policy-file) are named apart there.
        inReadme.removeAll(Set.of("trust-policy-file", "trust-file"));
        assertThat(repeatable).containsAll(inReadme);
    }

    @Test
    void anOptionThatIsNotRepeatableGivenTwiceIsStillAUsageError() {
        CliRun run = CliRun.of("policy", "simulate", "--action", "s3:GetObject", "--action", "s3:PutObject");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--action is given 2 times (s3:GetObject, s3:PutObject); give it once");
    }

    @Test
    void policySimulateEvaluatesEveryPolicyFile() throws IOException {
        Path reads = write("reads.json", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"Read\","
                + " \"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"arn:aws:s3:::bucket/*\"}]}");
        Path guard = write("guard.json", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"NoDeletes\","
                + " \"Effect\": \"Deny\", \"Action\": \"s3:DeleteObject\", \"Resource\": \"*\"}]}");

        CliRun get = simulate(reads, guard, "s3:GetObject");
        CliRun delete = simulate(reads, guard, "s3:DeleteObject");

        assertThat(get.exitCode()).as(get.err()).isZero();
        assertThat(get.out()).contains("allowed").contains("by reads.json Read");
        assertThat(delete.exitCode()).as(delete.err()).isZero();
        assertThat(delete.out()).contains("denied (explicit)").contains("by guard.json NoDeletes");
    }

    private static CliRun simulate(Path first, Path second, String action) {
        return CliRun.of("policy", "simulate", "--policy-file", first.toString(), "--policy-file", second.toString(),
                "--action", action, "--resource", "arn:aws:s3:::bucket/data/x");
    }

    @Test
    void policySimulateTakesEveryContextKey() throws IOException {
        Path policy = write("both.json", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"TlsInRegion\","
                + " \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {"
                + "\"Bool\": {\"aws:SecureTransport\": \"true\"},"
                + " \"StringEquals\": {\"aws:RequestedRegion\": \"eu-west-1\"}}}]}");

        CliRun run = CliRun.of("policy", "simulate", "--policy-file", policy.toString(), "--action", "s3:GetObject",
                "--resource", "arn:aws:s3:::bucket/x", "--context", "aws:SecureTransport=true", "--context",
                "aws:RequestedRegion=eu-west-1", "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonObject result = JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonArray("results").get(0)
                .getAsJsonObject();
        assertThat(result.get("decision").getAsString()).isEqualTo("allowed");
    }

    /** The role split over two files: the job's S3 statements in one, the rest in the other; both are needed. */
    @Test
    void roleCheckOnFilesChecksTheRoleMadeOfEveryPolicyFile() throws IOException {
        JsonObject role = JsonParser.parseString(ExecutionRolePolicies.permissions(NAMES).toJson()).getAsJsonObject();
        JsonObject s3 = role.deepCopy();
        JsonObject rest = role.deepCopy();
        s3.getAsJsonArray("Statement").asList().removeIf(s -> !s.getAsJsonObject().get("Sid").getAsString()
                .matches("ListOnlyThisNamesPrefix|ReadTrainingData|WriteTheModel|SyncCheckpoints"));
        rest.getAsJsonArray("Statement").asList().removeIf(s -> s.getAsJsonObject().get("Sid").getAsString()
                .matches("ListOnlyThisNamesPrefix|ReadTrainingData|WriteTheModel|SyncCheckpoints"));
        Path trust = write("trust.json", ExecutionRolePolicies.trust(NAMES).toJson());
        Path first = write("s3.json", s3.toString());
        Path second = write("rest.json", rest.toString());

        CliRun both = roleCheck(trust, first, second);
        CliRun one = roleCheck(trust, first);

        assertThat(both.exitCode()).as(both.err() + both.out()).isZero();
        assertThat(both.out()).contains("all 14 actions a training job needs are allowed");
        assertThat(one.exitCode()).isEqualTo(ExitCode.CHECK_FAILED.code());
        assertThat(one.out()).containsPattern("simulate\\.required +FAIL");
    }

    private static CliRun roleCheck(Path trust, Path... policies) {
        List<String> args = new java.util.ArrayList<>(List.of("role", "check", "--role-arn", NAMES.roleArn(),
                "--region", "us-east-1", "--trust-file", trust.toString()));
        for (Path policy : policies) {
            args.addAll(List.of("--policy-file", policy.toString()));
        }
        return CliRun.of(args.toArray(String[]::new));
    }

    /**
     * train and tune read every --role-policy-file before the long work: the second file is read too (a missing one
     * is named), instead of the option being refused as given twice. The emulated runs with split documents are in
     * MotoIT.
     */
    @Test
    void trainAndTuneReadEveryRolePolicyFileBeforeAnythingRuns() throws IOException {
        Path present = write("s3.json", ExecutionRolePolicies.permissions(NAMES).toJson());
        Path missing = dir.resolve("missing.json");

        for (String command : List.of("train", "tune")) {
            CliRun run = CliRun.of(command, "--on", "emulated", "--role-policy-file", present.toString(),
                    "--role-policy-file", missing.toString());

            assertThat(run.exitCode()).as(command).isEqualTo(ExitCode.USAGE.code());
            assertThat(run.err()).as(command).contains("--role-policy-file " + missing + ": no such file")
                    .doesNotContain("given 2 times");
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
