package dev.trainctl.orchestrator.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.aws.Sleeper;
import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.fakes.Cli;
import dev.trainctl.orchestrator.fakes.FakeSts;
import dev.trainctl.orchestrator.policy.PolicyShowCommand;
import dev.trainctl.orchestrator.provision.ProvisionCommand;
import dev.trainctl.orchestrator.train.TrainCommand;
import dev.trainctl.orchestrator.trainingjob.RemoteTrainOptions;
import dev.trainctl.orchestrator.whoami.WhoamiCommand;
import dev.trainctl.training.data.DataFile;
import dev.trainctl.training.data.Dataset;
import dev.trainctl.training.data.DatasetStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

/**
 * Examples in the README and docs/ of commands that run offline are what the commands print: each fenced block after a
 * {@code <!-- example: NAME -->} comment (see {@link DocBlocks}) must equal what {@link #produce} makes for NAME. Every marked
 * block needs a producer and every producer a block, so neither can be dropped silently. The produced text is also
 * written to target/readme-examples/NAME.txt, to paste when a change is meant.
 */
class DocExamplesTest {

    @Test
    void everyMarkedBlockIsWhatTheCommandPrints() throws IOException {
        Map<String, String> inDocs = DocBlocks.marked("example");
        Map<String, String> produced = produce();
        Path out = Files.createDirectories(Path.of("target", "readme-examples"));
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> example : produced.entrySet()) {
            Files.writeString(out.resolve(example.getKey() + ".txt"), example.getValue(), StandardCharsets.UTF_8);
            if (!example.getValue().equals(inDocs.get(example.getKey()))) {
                stale.add(example.getKey());
            }
        }
        assertThat(inDocs.keySet()).as("examples in the docs without a producer here, or producers without one")
                .isEqualTo(produced.keySet());
        assertThat(stale).as("examples in the docs that differ from target/readme-examples/").isEmpty();
    }

    /** The README's excerpt of {@code train --on sagemaker --dry-run} is the full example's format. */
    @Test
    void theReadmesExcerptOfTheSageMakerDryRunIsTheDryRun() {
        DocBlocks.assertFormat("readme-sagemaker-dry-run", dryRuns().get("train-sagemaker-dry-run"));
    }

    /** Each example: the command line as the docs show it, then what it printed and its exit code. */
    static Map<String, String> produce() {
        Map<String, String> examples = new TreeMap<>();
        Cli cli = new Cli();
        int code = cli.run(new WhoamiCommand((g, c) -> cli.clients().apply(g, c).using(FakeSts.user().failingWith(
                SdkClientException.create("Unable to load credentials from any of the providers in the chain")))),
                "whoami", "--region", "eu-west-1");
        examples.put("whoami-no-credentials", session("trainctl whoami --region eu-west-1", cli.out + cli.err, code));
        examples.put("repeated-option", run("train", "--epochs", "2", "--epochs", "1"));
        examples.put("option-out-of-range", run("train", "--epochs", "99999999999"));
        examples.put("option-not-in-this-mode", run("train", "--on", "sagemaker", "--resume"));
        examples.put("gpu-device-on-cpu-instance", run("--region", "eu-west-1", "train", "--on", "sagemaker",
                "--device", "gpu", "--dry-run"));
        examples.put("truncated-idx", truncated());
        examples.put("s3-serve-shared-dir", sharedStoreDirectory());
        examples.put("ambiguous-policy", ambiguousPolicy());
        examples.put("rolecheck-policy-for-a-role-session", roleSessionStatement());
        examples.put("caller-guardrails-in-a-vpc-with-keys", guardrailsInAVpcWithKeys());
        examples.putAll(dryRuns());
        examples.putAll(serving());
        return examples;
    }

    /** {@code deploy --on sagemaker} and {@code undeploy} against the in-memory SageMaker of the test fakes. */
    private static Map<String, String> serving() {
        Cli cli = new Cli();
        cli.sageMaker.statuses.clear();
        cli.sageMaker.statuses.add(software.amazon.awssdk.services.sagemaker.model.EndpointStatus.IN_SERVICE);
        java.util.function.Function<dev.trainctl.orchestrator.cli.Invocation, dev.trainctl.orchestrator.aws.AwsClients>
                clients = invocation -> cli.clients().apply(invocation.global(), invocation.console());
        String job = "trainctl-mnist-20261205-093012-417";
        String image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/trainctl-mnist:0.1.0-3f2a9c1e";
        cli.s3.exists = true;
        cli.s3.objects.put("trainctl-mnist/output/" + job + "/output/model.tar.gz", "");
        Map<String, String> examples = new TreeMap<>();
        int code = cli.run(new dev.trainctl.orchestrator.deploy.DeployCommand(clients, Map.of()), "deploy", "--on",
                "sagemaker", "--job", job, "--image", image);
        examples.put("deploy-sagemaker", session("trainctl deploy --on sagemaker --job " + job + " --image " + image,
                cli.out + cli.err, code));
        code = cli.run(new dev.trainctl.orchestrator.deploy.DeployCommand(clients, Map.of()), "deploy", "--on",
                "sagemaker", "--job", job, "--image", image);
        examples.put("deploy-again", session("trainctl deploy --on sagemaker --job " + job + " --image " + image,
                cli.out + cli.err, code));
        code = cli.run(new dev.trainctl.orchestrator.deploy.UndeployCommand(clients, Map.of()), "undeploy", job);
        examples.put("undeploy", session("trainctl undeploy " + job, cli.out + cli.err, code));
        return examples;
    }

    /** The machine of the dry-run examples: no AWS account, so the placeholder account and the dated price table. */
    private static Cli noCredentials() {
        Cli cli = new Cli();
        cli.sts = FakeSts.user().failingWith(SdkClientException.create(
                "Unable to load credentials from any of the providers in the chain"));
        return cli;
    }

    /**
     * {@code provision --dry-run} (its plan, and one request of it), the budget it sends, and {@code train --on
     * sagemaker --dry-run} in text and JSON: what the commands print without an AWS account. The image tag's content
     * hash changes with every build, so the tag shows as {@code VERSION-CONTENTHASH}; the data files are the real MNIST ones,
     * shown in {@code /home/you/.cache/trainctl/mnist}.
     */
    static Map<String, String> dryRuns() {
        Map<String, String> examples = new TreeMap<>();
        Cli cli = noCredentials();
        int code = cli.run(new ProvisionCommand(cli.clients(Region.EU_WEST_1), d -> { }, Duration.ZERO), "provision",
                "--dry-run",
                "--region", "eu-west-1");
        assertThat(code).as(cli.err).isZero();
        String plan = cli.err + cli.out;
        examples.put("provision-dry-run", "$ trainctl provision --dry-run --region eu-west-1\n"
                + plan.lines().filter(line -> !line.startsWith("      ")).map(line -> line + "\n")
                .collect(Collectors.joining()));
        List<String> lines = plan.lines().toList();
        int block = lines.indexOf(lines.stream().filter(l -> l.endsWith(": block all public access")).findFirst()
                .orElseThrow());
        StringBuilder request = new StringBuilder(lines.get(block)).append("\n");
        for (int i = block + 1; lines.get(i).startsWith("      "); i++) {
            request.append(lines.get(i)).append("\n");
        }
        examples.put("provision-dry-run-request", request.toString());

        cli.run(new ProvisionCommand(cli.clients(Region.EU_WEST_1), d -> { }, Duration.ZERO), "provision", "--dry-run",
                "--region",
                "eu-west-1", "--budget", "20", "--notify", "alice@example.com", "--output", "json");
        JsonObject budget = JsonParser.parseString(cli.out).getAsJsonObject().getAsJsonArray("changes").asList()
                .stream().map(c -> c.getAsJsonObject().getAsJsonObject("call"))
                .filter(c -> c.get("operation").getAsString().equals("CreateBudget")).findFirst().orElseThrow()
                .getAsJsonObject("request").getAsJsonObject("Budget");
        examples.put("provision-budget-dry-run", "$ trainctl provision --dry-run --region eu-west-1 --budget 20"
                + " --notify alice@example.com --output json \\\n    | jq '.changes[].call | select(.operation =="
                + " \"CreateBudget\") | .request.Budget'\n" + Console.gson().toJson(budget) + "\n");

        Path data = mnistRaw();
        Function<List<String>, CliRun> train = args -> {
            Cli fresh = noCredentials();
            List<String> all = new ArrayList<>(List.of("train", "--on", "sagemaker", "--dry-run", "--region",
                    "eu-west-1", "--data-dir", data.toString()));
            all.addAll(args);
            return CliRun.with(List.of(new TrainCommand(invocation -> fresh.clients(Region.EU_WEST_1).apply(
                    invocation.global(),
                    invocation.console()), RemoteTrainOptions::dataFiles, Sleeper.NONE,
                    Clock.fixed(Instant.parse("2026-11-25T01:57:17.316Z"), ZoneOffset.UTC))),
                    all.toArray(String[]::new));
        };
        CliRun text = train.apply(List.of("--epochs", "2"));
        assertThat(text.exitCode()).as(text.err()).isZero();
        examples.put("train-sagemaker-dry-run", "$ trainctl train --on sagemaker --dry-run --region eu-west-1"
                + " --epochs 2\n" + shown(text.err() + text.out(), data));
        CliRun json = train.apply(List.of("--output", "json"));
        assertThat(json.exitCode()).as(json.err()).isZero();
        examples.put("train-sagemaker-dry-run-upload", "$ trainctl train --on sagemaker --dry-run --region eu-west-1"
                + " --output json | jq '.uploads[0]'\n" + shown(Console.gson().toJson(JsonParser.parseString(
                        json.out()).getAsJsonObject().getAsJsonArray("uploads").get(0)) + "\n", data));
        return examples;
    }

    /** Output as the docs show it: the data in the default cache of a user 'you', the image tag in words. */
    private static String shown(String output, Path data) {
        return output.replace(data.toString(), "/home/you/.cache/trainctl/mnist")
                .replaceAll("(trainctl-mnist):[^\"\\s]+-[0-9a-f]{12}", "$1:VERSION-CONTENTHASH");
    }

    /**
     * The four MNIST files uncompressed, as the default cache holds them after a fetch from the mirrors (fetched
     * there if missing; a cache of .gz files is decompressed into a temporary directory), so the sizes and SHA-256
     * in the examples are the same on every machine.
     */
    private static Path mnistRaw() {
        try {
            DatasetStore store = DatasetStore.withDefaultSources(Dataset.MNIST,
                    DatasetStore.defaultDirectory(Dataset.MNIST), line -> { });
            store.ensure(false);
            if (store.files().all().stream().allMatch(file -> store.locate(file).getFileName().toString()
                    .equals(file.name()))) {
                return store.directory();
            }
            Path raw = Files.createTempDirectory("trainctl-readme-mnist");
            for (DataFile file : store.files().all()) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(store.locate(file)))) {
                    Files.copy(in, raw.resolve(file.name()));
                }
            }
            return raw;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A usage error: the message and the line pointing to the command's --help. */
    private static String run(String... args) {
        CliRun run = CliRun.of(args);
        return session("trainctl " + String.join(" ", args), run.out() + run.err(), run.exitCode());
    }

    private static String session(String command, String output, int code) {
        return "$ " + command + "\n" + output + "$ echo $?\n" + code + "\n";
    }

    /** The conditions of the caller's training guardrail when provisioned for a VPC and both keys. */
    private static String guardrailsInAVpcWithKeys() {
        CliRun shown = CliRun.of("policy", "show", "caller", "--region", "us-east-1", "--account", "111122223333",
                "--subnets", "subnet-0123456789abcdef0", "--security-group-ids", "sg-0123456789abcdef0", "--kms-key",
                "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "--volume-kms-key",
                "arn:aws:kms:us-east-1:111122223333:key/0000abcd-12ab-34cd-56ef-1234567890ab", "--format", "json");
        for (JsonElement statement : JsonParser.parseString(shown.out()).getAsJsonObject().getAsJsonArray("Statement")) {
            if (statement.getAsJsonObject().get("Sid").getAsString().equals("StartJobsWithinGuardrails")) {
                return Console.gson().toJson(statement.getAsJsonObject().get("Condition")) + "\n";
            }
        }
        throw new AssertionError("no StartJobsWithinGuardrails in:\n" + shown.out() + shown.err());
    }

    /** The statement {@code policy show rolecheck} adds when run as an IAM Identity Center user (a role session). */
    private static String roleSessionStatement() {
        Cli cli = new Cli();
        cli.sts = new FakeSts("arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Trainers_0123456789abcdef/"
                + "alice@example.com");
        cli.run(new PolicyShowCommand(cli.clients()), "policy", "show", "rolecheck", "--format", "json");
        for (JsonElement statement : JsonParser.parseString(cli.out).getAsJsonObject().getAsJsonArray("Statement")) {
            if (statement.getAsJsonObject().get("Sid").getAsString().equals("SimulateMyOwnRole")) {
                return Console.gson().toJson(statement) + "\n";
            }
        }
        throw new AssertionError("no SimulateMyOwnRole statement in " + cli.out);
    }

    /** {@code train} on a data directory whose training images were cut to 1,000 bytes (a broken download). */
    private static String truncated() {
        try {
            Path dir = Files.createTempDirectory("trainctl-readme");
            ByteBuffer header = ByteBuffer.allocate(1000).putInt(0x00000803).putInt(60_000).putInt(28).putInt(28);
            Files.write(dir.resolve("train-images-idx3-ubyte"), header.array());
            CliRun run = CliRun.of("train", "--data-dir", dir.toString());
            return session("trainctl train --data-dir DIR", run.err().replace(dir.toString(), "DIR"), run.exitCode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code s3 serve --dir} on a directory everyone can write, shown as /srv/shared/trainctl-s3. */
    private static String sharedStoreDirectory() {
        try {
            Path dir = Files.createTempDirectory("trainctl-readme");
            java.nio.file.Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions
                    .fromString("rwxrwxrwx"));
            CliRun run = CliRun.of("s3", "serve", "--dir", dir.toString());
            String shown = "/srv/shared/trainctl-s3";
            return session("trainctl s3 serve --dir " + shown, run.err().lines().findFirst().orElse("")
                    .replace(dir.toString(), shown) + "\n", run.exitCode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code policy simulate} on a document with a key twice, written by the docs' heredoc into the current directory. */
    private static String ambiguousPolicy() {
        try {
            Path dir = Files.createTempDirectory("trainctl-readme");
            String ambiguous = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\", \"Action\":"
                    + " \"s3:GetObject\", \"Resource\": \"*\", \"Effect\": \"Allow\"}]}";
            Docs.assertOneShows("ambiguous.json as the example writes it", "cat > ambiguous.json <<'EOF'\n" + ambiguous
                    + "\nEOF\n");
            Path file = Files.writeString(dir.resolve("ambiguous.json"), ambiguous);
            String[] rest = {"--action", "s3:GetObject", "--resource", "arn:aws:s3:::bucket/key"};
            List<String> args = new ArrayList<>(List.of("policy", "simulate", "--policy-file", file.toString()));
            args.addAll(List.of(rest));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            return session("trainctl policy simulate --policy-file ambiguous.json " + String.join(" ", rest),
                    run.out() + run.err(), run.exitCode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
