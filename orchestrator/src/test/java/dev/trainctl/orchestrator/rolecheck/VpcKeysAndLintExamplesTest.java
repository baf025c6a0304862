package dev.trainctl.orchestrator.rolecheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.orchestrator.docs.Docs;
import dev.trainctl.orchestrator.jobsecurity.JobSecurity;
import dev.trainctl.orchestrator.policy.CallerPolicy;
import dev.trainctl.orchestrator.policy.ExecutionRolePolicies;
import dev.trainctl.orchestrator.policy.ServingCallerStatements;
import dev.trainctl.orchestrator.roles.KeyPolicies;
import dev.trainctl.orchestrator.roles.PolicyDocument;
import dev.trainctl.orchestrator.roles.RoleArn;
import dev.trainctl.orchestrator.roles.RoleDocuments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The docs' examples of a job in a VPC with keys ({@code role check}), of {@code policy lint}, and the comparison
 * table of three roles, each produced here by the real commands and checked against the docs ({@link Docs}). The output goes to
 * target/vpc-examples/ to paste when a change is meant.
 */
class VpcKeysAndLintExamplesTest {

    static final String KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    static final Path OUT = Path.of("target", "vpc-examples");
    private static Path dir;

    static Path files() throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("trainctl-vpc-examples");
            JobSecurity security = JobSecurity.of(Optional.of("subnet-0123456789abcdef0"),
                    Optional.of("sg-0123456789abcdef0"), Optional.of(KEY), Optional.empty());
            Files.writeString(dir.resolve("trust.json"), ExecutionRolePolicies.trust(Corpus.NAMES).toJson());
            Files.writeString(dir.resolve("role.json"), ExecutionRolePolicies.permissions(Corpus.NAMES, security)
                    .toJson());
            Files.writeString(dir.resolve("key.json"), KeyPolicies.defaultPolicy("aws", Corpus.ACCOUNT));
            Files.writeString(dir.resolve("caller.json"), CallerPolicy.document(Corpus.NAMES, new CallerPolicy.Options(
                    CallerPolicy.DEFAULT_INSTANCE_TYPES, CallerPolicy.DEFAULT_MAX_RUNTIME_SECONDS, security)).toJson());
            Files.writeString(dir.resolve("caller-serving.json"), ServingCallerStatements.document(Corpus.NAMES)
                    .toJson());
            Files.writeString(dir.resolve("serving-trust.json"), Corpus.servingTrust().json());
            Files.writeString(dir.resolve("amazon-sagemaker-full-access.json"),
                    Corpus.read("amazon-sagemaker-full-access.json"));
        }
        return dir;
    }

    @Test
    void roleCheckOfAJobInAVpcWithAKey() throws IOException {
        String[] args = {"role", "check", "--trust-file", "trust.json", "--policy-file", "role.json", "--subnets",
            "subnet-0123456789abcdef0", "--security-group-ids", "sg-0123456789abcdef0", "--kms-key", KEY,
            "--key-policy-file", "key.json", "--caller-policy-file", "caller.json", "--caller-policy-file",
            "caller-serving.json", "--role-trust-file",
            Corpus.NAMES.servingRoleArn() + "=serving-trust.json"};
        RoleCheckCommandTest.Run run = RoleCheckCommandTest.run(new SimulatingIam(Corpus.ours()), inFiles(args));

        show("role-check-vpc-and-key.txt", args, run);
        assertThat(run.code()).isZero();
        Docs.assertOneShows("key.json as the docs write it", "cat > key.json <<'EOF'\n"
                + KeyPolicies.defaultPolicy("aws", Corpus.ACCOUNT) + "\nEOF\n");
    }

    @Test
    void policyLintOfTrainctlsCallerAndOfTheConsolesPolicy() throws IOException {
        String[] caller = {"policy", "lint", "--policy-file", "caller.json", "--policy-file", "caller-serving.json"};
        String[] console = {"policy", "lint", "--policy-file", "amazon-sagemaker-full-access.json"};
        CliRun ours = CliRun.of(inFiles(caller));
        CliRun theirs = CliRun.of(inFiles(console));

        String shownOurs = write("policy-lint-caller.txt", caller, new RoleCheckCommandTest.Run(ours.exitCode(),
                ours.out(), ours.err()));
        String shownTheirs = write("policy-lint-console.txt", console, new RoleCheckCommandTest.Run(
                theirs.exitCode(), theirs.out(), theirs.err()));
        RoleCheckExamplesTest.assertDocsShow("$ trainctl " + String.join(" ", caller),
                new RoleCheckCommandTest.Run(ours.exitCode(), shownOurs, ""));
        RoleCheckExamplesTest.assertDocsShow("$ trainctl " + String.join(" ", console),
                new RoleCheckCommandTest.Run(theirs.exitCode(), shownTheirs, ""));
        assertThat(ours.exitCode()).isZero();
        assertThat(theirs.exitCode()).isEqualTo(11);
    }

    /**
     * Role check on three roles, as a table of where they differ: one row per check whose verdicts are not the same
     * for the three, each cell the role's worst verdict, how many rows had it, and the services those rows name. The
     * caller's rows are left out: they compare the caller, not the role.
     */
    @Test
    void comparisonOfThreeRolesIsTheReadmesTable() throws IOException {
        Map<String, RoleDocuments> roles = new LinkedHashMap<>();
        roles.put("trainctl's role", Corpus.ours());
        roles.put("SageMaker Python SDK v3 training role", new RoleDocuments(
                RoleArn.parse("arn:aws:iam::111122223333:role/SageMaker-AutoRole-Training"),
                PolicyDocument.trust(Corpus.read("sagemaker-sdk-v3-trust.json")),
                List.of(PolicyDocument.inline("sdk-training", Corpus.read("sagemaker-sdk-v3-training-role.json"))),
                Optional.empty()));
        roles.put("console role (AmazonSageMakerFullAccess)", new RoleDocuments(
                RoleArn.parse(RoleCheckExamplesTest.BAD_ROLE), PolicyDocument.trust(Corpus.read(
                        "trust-no-conditions.json")), List.of(Corpus.sageMakerFullAccess()), Optional.empty()));
        Set<String> checks = new LinkedHashSet<>();
        List<Map<String, Cell>> columns = new ArrayList<>();
        for (RoleDocuments role : roles.values()) {
            RoleCheckCommandTest.Run run = RoleCheckCommandTest.run(Corpus.iam(role), "role", "check", "--role-arn",
                    role.role().toString(), "--output", "json");
            Map<String, Cell> cells = new LinkedHashMap<>();
            for (JsonElement check : JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonArray("checks")) {
                JsonObject row = check.getAsJsonObject();
                String name = row.get("check").getAsString();
                if (!name.startsWith("caller.")) {
                    checks.add(name);
                    cells.computeIfAbsent(name, n -> new Cell()).add(row.get("verdict").getAsString(),
                            row.get("reason").getAsString());
                }
            }
            columns.add(cells);
        }
        List<String> table = new ArrayList<>();
        table.add("| check | " + String.join(" | ", roles.keySet()) + " |");
        table.add("|---|---|---|---|");
        for (String check : checks) {
            List<String> cells = columns.stream().map(c -> c.getOrDefault(check, new Cell()).toString()).toList();
            if (new LinkedHashSet<>(cells).size() > 1) {
                table.add("| `" + check + "` | " + String.join(" | ", cells) + " |");
            }
        }
        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve("comparison.md"), String.join("\n", table) + "\n", StandardCharsets.UTF_8);
        List<String> readme = Docs.withLine(table.get(0)).orElseThrow(() -> new AssertionError(
                "the comparison table's header in the docs (target/vpc-examples/comparison.md)")).lines();
        int at = readme.indexOf(table.get(0));
        assertThat(readme.subList(at, Math.min(readme.size(), at + table.size()))).as("the docs' comparison table")
                .isEqualTo(table);
        assertThat(at + table.size() == readme.size() || !readme.get(at + table.size()).startsWith("|"))
                .as("no row in the docs that role check did not print").isTrue();
    }

    /** One role's rows of one check: the worst verdict, how many rows had it, the services they name. */
    private static final class Cell {
        private static final List<String> ORDER = List.of("PASS", "WARN", "FAIL");
        private String worst = "";
        private int count;
        private final Set<String> services = new LinkedHashSet<>();

        void add(String verdict, String reason) {
            String v = verdict.toUpperCase(java.util.Locale.ROOT);
            if (ORDER.indexOf(v) > ORDER.indexOf(worst)) {
                worst = v;
                count = 0;
            }
            if (v.equals(worst)) {
                count++;
                if (!v.equals("PASS")) {
                    services.addAll(services(reason));
                }
            }
        }

        @Override
        public String toString() {
            if (worst.isEmpty()) {
                return "-";
            }
            List<String> named = new ArrayList<>(services);
            String list = named.size() > 5 ? String.join(", ", named.subList(0, 5)) + ", +" + (named.size() - 5)
                    : String.join(", ", named);
            return worst + (count > 1 ? " x" + count : "") + (list.isEmpty() ? "" : " (" + list + ")");
        }
    }

    private static final Pattern ACTION = Pattern.compile("(?<![\\w:-])([a-z][a-z0-9-]*):([A-Z*][A-Za-z*]*)");

    /** The services of the actions a row's reason names: what the row is about. */
    static List<String> services(String reason) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = ACTION.matcher(reason);
        while (m.find()) {
            if (!m.group(1).equals("arn") && !m.group(1).equals("aws")) {
                found.add(m.group(1));
            }
        }
        return List.copyOf(found);
    }

    private static String[] inFiles(String... args) throws IOException {
        Path files = files();
        String[] resolved = args.clone();
        for (int i = 0; i < resolved.length; i++) {
            if (resolved[i].endsWith(".json")) {
                // ROLE_ARN=FILE names the file after the '='.
                int file = resolved[i].indexOf('=') + 1;
                resolved[i] = resolved[i].substring(0, file) + files.resolve(resolved[i].substring(file));
            }
        }
        return resolved;
    }

    private static void show(String file, String[] args, RoleCheckCommandTest.Run run) throws IOException {
        String output = write(file, args, run);
        RoleCheckExamplesTest.assertDocsShow("$ trainctl " + String.join(" ", args),
                new RoleCheckCommandTest.Run(run.code(), output, ""));
    }

    /** Writes the session to target/vpc-examples/FILE and returns the output, with the temporary folder left out. */
    private static String write(String file, String[] args, RoleCheckCommandTest.Run run) throws IOException {
        String output = (run.out() + run.err()).replace(files().toString() + "/", "");
        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve(file), "$ trainctl " + String.join(" ", args) + "\n" + output + "$ echo $?\n"
                + run.code() + "\n", StandardCharsets.UTF_8);
        return output;
    }
}
