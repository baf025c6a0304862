package dev.trainctl.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.fakes.Cli;
import dev.trainctl.orchestrator.fakes.FakeSts;
import dev.trainctl.orchestrator.policy.PolicyShowCommand;
import dev.trainctl.orchestrator.whoami.WhoamiCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * README examples of commands that run offline are what the commands print: each fenced block after a
 * {@code <!-- example: NAME -->} comment (see {@link ReadmeBlocks}) must equal what {@link #produce} makes for NAME. Every marked
 * block needs a producer and every producer a block, so neither can be dropped silently. The produced text is also
 * written to target/readme-examples/NAME.txt, to paste when a change is meant.
 */
class ReadmeExamplesTest {

    @Test
    void everyMarkedBlockIsWhatTheCommandPrints() throws IOException {
        Map<String, String> inReadme = ReadmeBlocks.marked("example");
        Map<String, String> produced = produce();
        Path out = Files.createDirectories(Path.of("target", "readme-examples"));
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> example : produced.entrySet()) {
            Files.writeString(out.resolve(example.getKey() + ".txt"), example.getValue(), StandardCharsets.UTF_8);
            if (!example.getValue().equals(inReadme.get(example.getKey()))) {
                stale.add(example.getKey());
            }
        }
        assertThat(inReadme.keySet()).as("README examples without a producer here").isEqualTo(produced.keySet());
        assertThat(stale).as("README examples that differ from target/readme-examples/").isEmpty();
    }

    /** Each example: the command line as the README shows it, then what it printed and its exit code. */
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
        return examples;
    }

    /** A usage error: its first line (the usage text that follows is the command's --help). */
    private static String run(String... args) {
        CliRun run = CliRun.of(args);
        return session("trainctl " + String.join(" ", args), run.out() + run.err().lines().findFirst().orElse("")
                + "\n", run.exitCode());
    }

    private static String session(String command, String output, int code) {
        return "$ " + command + "\n" + output + "$ echo $?\n" + code + "\n";
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

    /** {@code policy simulate} on a document with a key twice (in the current directory as the README shows it). */
    private static String ambiguousPolicy() {
        try {
            Path dir = Files.createTempDirectory("trainctl-readme");
            Path file = Files.writeString(dir.resolve("ambiguous.json"), "{\"Version\": \"2012-10-17\", \"Statement\":"
                    + " [{\"Effect\": \"Deny\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Effect\":"
                    + " \"Allow\"}]}");
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
