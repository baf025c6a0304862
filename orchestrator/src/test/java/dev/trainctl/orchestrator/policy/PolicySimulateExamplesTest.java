package dev.trainctl.orchestrator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.docs.Docs;
import dev.trainctl.orchestrator.fakes.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docs' "Why is this denied? trainctl policy simulate" example: the files it shows, the command it runs and
 * the output it prints are checked against the docs ({@link Docs}), so the doc cannot drift from the code. The output is also
 * written to target/policy-simulate-examples/ to refresh the doc from.
 */
class PolicySimulateExamplesTest {

    static final String POLICY = """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "ReadTrainingData", "Effect": "Allow", "Action": "s3:GetObject",
               "Resource": "arn:aws:s3:::trainctl-111122223333-eu-west-1/trainctl-mnist/data/*"},
              {"Sid": "WriteCheckpoints", "Effect": "Allow", "Action": "s3:PutObject",
               "Resource": "arn:aws:s3:::trainctl-111122223333-eu-west-1/trainctl-mnist/checkpoints/*"}]}
            """;
    static final String BUCKET_POLICY = """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "DenyRequestsWithoutTls", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
               "Resource": ["arn:aws:s3:::trainctl-111122223333-eu-west-1",
                            "arn:aws:s3:::trainctl-111122223333-eu-west-1/*"],
               "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
            """;
    static final String ROLE = "arn:aws:iam::111122223333:role/trainctl-mnist-execution";
    static final String CHECKPOINT = "arn:aws:s3:::trainctl-111122223333-eu-west-1/trainctl-mnist/checkpoints/"
            + "epoch-1.params";
    static final String REQUESTS = String.join("\n",
            line("s3:PutObject", CHECKPOINT, "true"),
            line("s3:GetObject", CHECKPOINT, "true"),
            line("s3:PutObject", CHECKPOINT, "false")) + "\n";
    static final String COMMAND = "trainctl policy simulate --policy-file role-policy.json \\\n"
            + "    --resource-policy-file bucket-policy.json --requests restart.jsonl";

    private static String line(String action, String resource, String tls) {
        return "{\"action\": \"" + action + "\", \"resource\": \"" + resource + "\", \"principal\": \"" + ROLE
                + "\", \"context\": {\"aws:SecureTransport\": \"" + tls + "\"}}";
    }

    @TempDir
    Path dir;

    @Test
    void theReadmeShowsWhatTheCommandPrints() throws IOException {
        Path policy = Files.writeString(dir.resolve("role-policy.json"), POLICY);
        Path bucket = Files.writeString(dir.resolve("bucket-policy.json"), BUCKET_POLICY);
        Path requests = Files.writeString(dir.resolve("restart.jsonl"), REQUESTS);
        Cli cli = new Cli();

        int code = cli.run(new PolicySimulateCommand(cli.clients()), "policy", "simulate", "--policy-file",
                policy.toString(), "--resource-policy-file", bucket.toString(), "--requests", requests.toString());

        String shown = "$ " + COMMAND + "\n" + cli.out + "$ echo $?\n" + code + "\n";
        Path out = Path.of("target", "policy-simulate-examples");
        Files.createDirectories(out);
        Files.writeString(out.resolve("restart.txt"), shown, StandardCharsets.UTF_8);
        assertThat(code).isZero();
        Docs.assertOneShows("the policy simulate example (target/policy-simulate-examples/restart.txt)", POLICY,
                BUCKET_POLICY, REQUESTS, shown);
    }
}
