package dev.trainctl.orchestrator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.fakes.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;

class PolicySimulateCommandTest {

    static final String POLICY = """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "ReadData", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/data/*"},
              {"Sid": "NoSecrets", "Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::bucket/data/secret/*"},
              {"Sid": "ListData", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::bucket",
               "Condition": {"StringLike": {"s3:prefix": "data/*"}}}]}
            """;

    @TempDir
    Path dir;
    Path policy;
    final Cli cli = new Cli();

    @BeforeEach
    void writePolicy() throws IOException {
        policy = Files.writeString(dir.resolve("role.json"), POLICY);
    }

    private int run(String... args) {
        return cli.run(new PolicySimulateCommand(cli.clients()), args);
    }

    private String[] args(String... more) {
        List<String> all = new java.util.ArrayList<>(List.of("policy", "simulate", "--policy-file", policy.toString()));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void oneRequestPrintsItsDecisionAndTheDecidingStatement() {
        int code = run(args("--action", "s3:GetObject", "--resource", "arn:aws:s3:::bucket/data/train.gz"));

        assertThat(code).isZero();
        assertThat(cli.out).isEqualTo("allowed            s3:GetObject arn:aws:s3:::bucket/data/train.gz"
                + "  by role.json ReadData\n");
    }

    @Test
    void anExplicitDenyNamesTheDenyStatement() {
        int code = run(args("--action", "s3:GetObject", "--resource", "arn:aws:s3:::bucket/data/secret/k"));

        assertThat(code).isZero();
        assertThat(cli.out).startsWith("denied (explicit)  s3:GetObject arn:aws:s3:::bucket/data/secret/k"
                + "  by role.json NoSecrets");
    }

    @Test
    void anImplicitDenySaysWhatIsMissing() {
        int code = run(args("--action", "s3:ListBucket", "--resource", "arn:aws:s3:::bucket"));

        assertThat(code).isZero();
        assertThat(cli.out).isEqualTo("denied (implicit)  s3:ListBucket arn:aws:s3:::bucket  no statement allows it"
                + " (the request lacks s3:prefix)\n");
    }

    @Test
    void contextOptionsGiveConditionKeys() {
        int code = run(args("--action", "s3:ListBucket", "--resource", "arn:aws:s3:::bucket", "--context",
                "s3:prefix=data/"));

        assertThat(code).isZero();
        assertThat(cli.out).startsWith("allowed ").contains("by role.json ListData");
    }

    @Test
    void requestsFromJsonLinesComeBackInOrderAsJson() throws IOException {
        Path requests = Files.writeString(dir.resolve("requests.jsonl"), """
                {"action": "s3:ListBucket", "resource": "arn:aws:s3:::bucket", "context": {"s3:prefix": ["data/"]}}

                {"action": "s3:GetObject", "resource": "arn:aws:s3:::bucket/data/secret/x"}
                {"action": "s3:PutObject", "resource": "arn:aws:s3:::bucket/data/x", "principal": "arn:aws:iam::111122223333:user/alice"}
                """);

        int code = run(args("--requests", requests.toString(), "--output", "json"));

        assertThat(code).isZero();
        JsonArray results = JsonParser.parseString(cli.out).getAsJsonObject().getAsJsonArray("results");
        assertThat(results).hasSize(3);
        assertThat(results.asList()).extracting(r -> r.getAsJsonObject().get("decision").getAsString())
                .containsExactly("allowed", "explicit_deny", "implicit_deny");
        JsonObject first = results.get(0).getAsJsonObject();
        assertThat(first.get("action").getAsString()).isEqualTo("s3:ListBucket");
        assertThat(first.get("resource").getAsString()).isEqualTo("arn:aws:s3:::bucket");
        assertThat(first.getAsJsonArray("statements").get(0).getAsJsonObject().get("statement").getAsString())
                .isEqualTo("ListData");
        assertThat(results.get(2).getAsJsonObject().get("principal").getAsString())
                .isEqualTo("arn:aws:iam::111122223333:user/alice");
        assertThat(results.get(2).getAsJsonObject().getAsJsonArray("statements")).isEmpty();
    }

    @Test
    void aResourcePolicyAndABoundaryTakePart() throws IOException {
        Path bucket = Files.writeString(dir.resolve("bucket.json"), """
                {"Version": "2012-10-17", "Statement": {"Sid": "TlsOnly", "Effect": "Deny", "Principal": "*",
                 "Action": "s3:*", "Resource": "arn:aws:s3:::bucket/*",
                 "Condition": {"Bool": {"aws:SecureTransport": "false"}}}}
                """);
        Path boundary = Files.writeString(dir.resolve("boundary.json"), """
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}}
                """);
        String session = "arn:aws:sts::111122223333:assumed-role/trainer/job";

        run(args("--resource-policy-file", bucket.toString(), "--action", "s3:GetObject", "--resource",
                "arn:aws:s3:::bucket/data/k", "--principal", session, "--context", "aws:SecureTransport=false"));
        String denied = cli.out;
        run(args("--boundary-file", boundary.toString(), "--action", "s3:GetObject", "--resource",
                "arn:aws:s3:::bucket/data/k"));

        assertThat(denied).startsWith("denied (explicit)").contains("by bucket.json TlsOnly");
        assertThat(cli.out).startsWith("denied (implicit)").contains("allowed by role.json ReadData, but not by the"
                + " permissions boundary");
    }

    @Test
    void theRolesDocumentsComeFromIam() {
        cli.iam.createRole(CreateRoleRequest.builder().roleName("trainer").assumeRolePolicyDocument("{}")
                .maxSessionDuration(3600).build());
        cli.iam.putRolePolicy(PutRolePolicyRequest.builder().roleName("trainer").policyName("inline")
                .policyDocument(POLICY).build());

        int code = cli.run(new PolicySimulateCommand(cli.clients()), "policy", "simulate", "--role-arn",
                "arn:aws:iam::123456789012:role/trainer", "--action", "s3:GetObject", "--resource",
                "arn:aws:s3:::bucket/data/x", "--output", "json");

        assertThat(code).isZero();
        JsonObject result = JsonParser.parseString(cli.out).getAsJsonObject().getAsJsonArray("results").get(0)
                .getAsJsonObject();
        assertThat(result.get("decision").getAsString()).isEqualTo("allowed");
        assertThat(result.get("principal").getAsString()).isEqualTo("arn:aws:iam::123456789012:role/trainer");
        assertThat(result.getAsJsonArray("statements").get(0).getAsJsonObject().get("policy").getAsString())
                .isEqualTo("inline");
        assertThat(cli.iam.recorder.of(GetRoleRequest.class)).hasSize(1);
        assertThat(cli.err).contains("read 1 policy of arn:aws:iam::123456789012:role/trainer from IAM");
    }

    @Test
    void anEmptyMultivaluedContextKeyIsAcceptedAndEvaluatedAsAwsDocuments() throws IOException {
        Path policy = Files.writeString(dir.resolve("called-via.json"), """
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "OnlyViaAthena", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                   "Condition": {"ForAllValues:StringEquals": {"aws:CalledVia": "athena.amazonaws.com"}}},
                  {"Sid": "AnyViaAthena", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*",
                   "Condition": {"ForAnyValue:StringEquals": {"aws:CalledVia": "athena.amazonaws.com"}}}]}
                """);
        Path requests = Files.writeString(dir.resolve("requests.jsonl"), """
                {"action": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "context": {"aws:CalledVia": []}}
                {"action": "s3:PutObject", "resource": "arn:aws:s3:::b/k", "context": {"aws:CalledVia": []}}
                """);

        int code = cli.run(new PolicySimulateCommand(cli.clients()), "policy", "simulate", "--policy-file",
                policy.toString(), "--requests", requests.toString());

        assertThat(code).as(cli.err).isZero();
        assertThat(cli.out.lines().toList()).containsExactly(
                "allowed            s3:GetObject arn:aws:s3:::b/k  by called-via.json OnlyViaAthena",
                "denied (implicit)  s3:PutObject arn:aws:s3:::b/k  no statement allows it (the request lacks"
                        + " aws:CalledVia)");
    }

    @Test
    void theRootUserAssumingARoleIsDeniedNamingAwssRule() throws IOException {
        Path trust = Files.writeString(dir.resolve("trust.json"), """
                {"Version": "2012-10-17", "Statement": {"Sid": "Account", "Effect": "Allow",
                 "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}}
                """);

        int code = cli.run(new PolicySimulateCommand(cli.clients()), "policy", "simulate", "--resource-policy-file",
                trust.toString(), "--action", "sts:AssumeRole", "--resource", "arn:aws:iam::111122223333:role/r",
                "--principal", "arn:aws:iam::111122223333:root");

        assertThat(code).isZero();
        assertThat(cli.out).isEqualTo("denied (implicit)  sts:AssumeRole arn:aws:iam::111122223333:role/r  the account"
                + " root user cannot assume a role: AWS refuses AssumeRole* with root credentials (\"Roles may not be"
                + " assumed by root accounts\"), whatever the trust policy allows; make the request as an IAM user or"
                + " role\n");
    }

    @Test
    void aMissingFileIsNamed() {
        int code = cli.run(new PolicySimulateCommand(cli.clients()), "policy", "simulate", "--policy-file",
                dir.resolve("nope.json").toString(), "--action", "s3:GetObject", "--resource", "*");

        assertThat(code).isEqualTo(2);
        assertThat(cli.out).isEmpty();
        assertThat(cli.err).isEqualTo("trainctl: --policy-file " + dir.resolve("nope.json") + ": no such file\n");
    }

    @Test
    void aBadRequestLineIsNamedByItsNumber() throws IOException {
        Path requests = Files.writeString(dir.resolve("r.jsonl"), """
                {"action": "s3:GetObject", "resource": "*"}
                {"action": "s3:GetObject", "resource": 
                """);

        int code = run(args("--requests", requests.toString()));

        assertThat(code).isEqualTo(2);
        assertThat(cli.out).isEmpty();
        assertThat(cli.err).startsWith("trainctl: " + requests + " line 2: not valid JSON");
    }

    @Test
    void anUnknownFieldInARequestLineIsNamed() throws IOException {
        Path requests = Files.writeString(dir.resolve("r.jsonl"), "{\"Action\": \"s3:GetObject\"}\n");

        int code = run(args("--requests", requests.toString()));

        assertThat(code).isEqualTo(2);
        assertThat(cli.err).startsWith("trainctl: " + requests + " line 1: unknown field \"Action\"");
    }

    @Test
    void anUnsupportedDocumentIsRefusedNamingWhat() throws IOException {
        Path odd = Files.writeString(dir.resolve("odd.json"), """
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*",
                 "Condition": {"StringMatchesRegex": {"s3:prefix": ".*"}}}}
                """);

        int code = cli.run(new PolicySimulateCommand(cli.clients()), "policy", "simulate", "--policy-file",
                odd.toString(), "--action", "s3:GetObject", "--resource", "*");

        assertThat(code).isEqualTo(2);
        assertThat(cli.err).isEqualTo("trainctl: odd.json statement #1: condition operator StringMatchesRegex is not"
                + " supported\n");
    }

    @Test
    void anEvaluationThatCannotBeDoneNamesTheRequestLine() throws IOException {
        Path tags = Files.writeString(dir.resolve("tags.json"), """
                {"Version": "2012-10-17", "Statement": {"Sid": "Tags", "Effect": "Allow", "Action": "iam:TagRole",
                 "Resource": "*", "Condition": {"StringEquals": {"aws:TagKeys": "team"}}}}
                """);
        Path requests = Files.writeString(dir.resolve("r.jsonl"), """
                {"action": "iam:TagRole", "resource": "*", "context": {"aws:TagKeys": "team"}}
                {"action": "iam:TagRole", "resource": "*", "context": {"aws:TagKeys": ["team", "owner"]}}
                """);

        int code = cli.run(new PolicySimulateCommand(cli.clients()), "policy", "simulate", "--policy-file",
                tags.toString(), "--requests", requests.toString());

        assertThat(code).isEqualTo(2);
        assertThat(cli.out).isEmpty();
        assertThat(cli.err).startsWith("trainctl: " + requests + " line 2: tags.json statement Tags: StringEquals on"
                + " aws:TagKeys gets 2 values");
    }

    @Test
    void aRequestNeedsActionAndResource() {
        int code = run(args("--action", "s3:GetObject"));

        assertThat(code).isEqualTo(2);
        assertThat(cli.err).startsWith("trainctl: a request needs both --action and --resource");
    }

    @Test
    void oneRequestOrAFileNotBoth() throws IOException {
        Path requests = Files.writeString(dir.resolve("r.jsonl"), "{\"action\": \"s3:GetObject\", \"resource\": \"*\"}");

        int code = run(args("--requests", requests.toString(), "--action", "s3:GetObject"));

        assertThat(code).isEqualTo(2);
        assertThat(cli.err).startsWith("trainctl: give one request (--action and --resource) or --requests FILE");
    }

    @Test
    void aRoleArnAndPolicyFilesAreExclusive() {
        int code = run(args("--role-arn", "arn:aws:iam::123456789012:role/x", "--action", "s3:GetObject",
                "--resource", "*"));

        assertThat(code).isEqualTo(2);
        assertThat(cli.err).startsWith("trainctl: --role-arn reads the role's policies");
    }

    @Test
    void aMalformedContextOptionIsNamed() {
        int code = run(args("--action", "s3:GetObject", "--resource", "*", "--context", "s3:prefix"));

        assertThat(code).isEqualTo(2);
        assertThat(cli.err).isEqualTo("trainctl: --context needs KEY=VALUE[,VALUE...], got 's3:prefix'\n");
    }
}
