package dev.trainctl.orchestrator.rolecheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.policy.ExecutionRolePolicies;
import dev.trainctl.orchestrator.policy.ServingCallerStatements;
import dev.trainctl.orchestrator.policy.ServingRolePolicies;
import dev.trainctl.orchestrator.roles.PolicyDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;

/**
 * {@code caller.escalation} on trainctl's caller, which may pass both roles of the name: the training-job path
 * reaches a role only if its trust lets SageMaker assume it for the training jobs the caller would start, decided by
 * the evaluator on the trust read from IAM or given with {@code --role-trust-file}. With the serving role's trust
 * refusing every job, the caller has exactly one bounded path, training jobs as the execution role; with a trust that
 * admits them (the serving trust before it refused jobs), the path reaches both roles and the row says so.
 */
class CallerEscalationThroughTrustsTest {

    private static final String SERVING = Corpus.NAMES.servingRoleArn();
    private static final String EXECUTION = Corpus.NAMES.roleArn();

    @TempDir
    Path temp;

    /** The serving trust without its ArnNotLike: inference's form also matches every job's ARN. */
    private static PolicyDocument servingTrustAdmittingJobs() {
        JsonObject trust = JsonParser.parseString(ServingRolePolicies.trust(Corpus.NAMES).toJson()).getAsJsonObject();
        trust.getAsJsonObject("Statement").getAsJsonObject("Condition").remove("ArnNotLike");
        return PolicyDocument.trust(trust.toString());
    }

    /** The caller.escalation rows, each with its fix line. */
    private static String escalationRow(RoleCheckCommandTest.Run run) {
        java.util.List<String> lines = run.out().lines().toList();
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("caller.escalation")) {
                rows.append(lines.get(i)).append('\n');
                if (i + 1 < lines.size() && lines.get(i + 1).strip().startsWith("fix: ")) {
                    rows.append(lines.get(i + 1).strip()).append('\n');
                }
            }
        }
        return rows.toString();
    }

    @Test
    void theServingTrustRefusesTrainingJobsSoTheCallerHasOneBoundedPathToTheExecutionRole() {
        SimulatingIam iam = Corpus.iam(Corpus.ours());

        RoleCheckCommandTest.Run run = RoleCheckCommandTest.run(iam, "role", "check", "--role-arn", EXECUTION);

        assertThat(run.code()).as(run.out()).isZero();
        assertThat(escalationRow(run)).containsPattern("caller.escalation +PASS +one bounded path, the intended one:"
                + " iam:PassRole \\+ sagemaker:CreateTrainingJob reaches only " + EXECUTION + ", the role checked"
                + " here: the caller starts training jobs that run as it").contains("it may also pass " + SERVING
                + ", but its trust refuses training jobs (trainctl's evaluator: SageMaker may not assume it for"
                + " training job " + Corpus.JOB_NAME + ", tuning job " + Corpus.TUNING_JOB_NAME + " or its trials)")
                .hasLineCount(2);
        assertThat(iam.requests).filteredOn(GetRoleRequest.class::isInstance)
                .extracting(r -> ((GetRoleRequest) r).roleName()).contains("trainctl-mnist-serving");
    }

    @Test
    void theCallersModelPathReachesOnlyTheServingRoleWhoseTrustAdmitsInferenceAndSaysWhatItReaches() {
        SimulatingIam iam = Corpus.iam(Corpus.ours());

        RoleCheckCommandTest.Run run = RoleCheckCommandTest.run(iam, "role", "check", "--role-arn", EXECUTION);

        assertThat(escalationRow(run)).containsPattern("caller.escalation +PASS +one bounded path for serving, the"
                + " intended one: iam:PassRole \\+ sagemaker:CreateModel \\+ an endpoint or a transform job reaches"
                + " only " + SERVING + ", the name's serving role, whose trust admits SageMaker for inference")
                .contains("through it the holder's container code can do what that role may (as trainctl provisions"
                        + " it: read this name's models under output/, pull the image")
                .contains("it may also pass " + EXECUTION + ", but its trust refuses inference");
    }

    @Test
    void anExecutionTrustThatAdmitsInferenceMakesTheModelPathReachBothRolesAWarning() {
        PolicyDocument admitsAll = PolicyDocument.trust("{\"Version\": \"2012-10-17\", \"Statement\": {"
                + "\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"sagemaker.amazonaws.com\"}, \"Action\":"
                + " \"sts:AssumeRole\"}}");
        SimulatingIam iam = Corpus.iam(new dev.trainctl.orchestrator.roles.RoleDocuments(
                dev.trainctl.orchestrator.roles.RoleArn.parse(EXECUTION), admitsAll, Corpus.ours().permissions(),
                java.util.Optional.empty()));

        RoleCheckCommandTest.Run run = RoleCheckCommandTest.run(iam, "role", "check", "--role-arn", EXECUTION);

        assertThat(escalationRow(run)).containsPattern("caller.escalation +WARN +iam:PassRole \\+ sagemaker:CreateModel"
                + " \\+ an endpoint or a transform job \\(AWS: https://docs.aws.amazon.com/sagemaker/latest/APIReference/"
                + "API_CreateModel.html \\(ExecutionRoleArn\\)\\)").contains("; it reaches " + EXECUTION + ", "
                + SERVING + " (whose trusts admit inference");
    }

    @Test
    void aServingTrustThatAdmitsTrainingJobsLetsTheCallersPathReachBothRoles() {
        SimulatingIam iam = Corpus.iam(Corpus.ours()).withRoleTrust(SERVING, servingTrustAdmittingJobs());

        RoleCheckCommandTest.Run run = RoleCheckCommandTest.run(iam, "role", "check", "--role-arn", EXECUTION);

        assertThat(escalationRow(run)).containsPattern("caller.escalation +WARN +iam:PassRole \\+"
                + " sagemaker:CreateTrainingJob \\(pathfinding.cloud sagemaker-002\\)")
                .contains("; it reaches " + EXECUTION + ", " + SERVING + " (whose trusts admit training job "
                        + Corpus.JOB_NAME).contains("fix: check the roles it reaches with 'trainctl role check");
    }

    @Test
    void aPassableRoleWhoseTrustCannotBeReadIsNamedWithHowToGiveIt() {
        SimulatingIam iam = new SimulatingIam(Corpus.ours()).withPrincipal(Corpus.CALLER, Corpus.callerPolicies());

        RoleCheckCommandTest.Run run = RoleCheckCommandTest.run(iam, "role", "check", "--role-arn", EXECUTION);

        assertThat(escalationRow(run)).containsPattern("caller.escalation +WARN +")
                .contains("; it reaches " + EXECUTION + " (whose trust admits")
                .contains("; it may reach " + SERVING + ": its trust could not be read")
                .contains("fix: give each role's trust with --role-trust-file ARN=FILE");
    }

    @Test
    void aTrustConditionOnAKeyRoleCheckDoesNotSupplyLeavesTheRoleUndecidedNotRefused() {
        PolicyDocument byOrganization = PolicyDocument.trust("{\"Version\": \"2012-10-17\", \"Statement\": {"
                + "\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"sagemaker.amazonaws.com\"}, \"Action\":"
                + " \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"aws:SourceOrgID\": \"o-a1b2c3d4e5\"}}}}");
        SimulatingIam iam = Corpus.iam(Corpus.ours()).withRoleTrust(SERVING, byOrganization);

        RoleCheckCommandTest.Run run = RoleCheckCommandTest.run(iam, "role", "check", "--role-arn", EXECUTION);

        assertThat(escalationRow(run)).containsPattern("caller.escalation +WARN +")
                .contains("; it may reach " + SERVING + ": its trust's conditions use aws:SourceOrgID, which role"
                        + " check does not supply");
    }

    @Test
    void fromFilesTheOtherRolesTrustComesFromRoleTrustFile() throws Exception {
        Path trust = Files.writeString(temp.resolve("trust.json"), ExecutionRolePolicies.trust(Corpus.NAMES).toJson());
        Path role = Files.writeString(temp.resolve("role.json"), ExecutionRolePolicies.permissions(Corpus.NAMES)
                .toJson());
        Path caller = Files.writeString(temp.resolve("caller.json"), Corpus.callerPolicy().json());
        Path callerServing = Files.writeString(temp.resolve("caller-serving.json"),
                ServingCallerStatements.document(Corpus.NAMES).toJson());
        Path servingTrust = Files.writeString(temp.resolve("serving-trust.json"), Corpus.servingTrust().json());
        String[] check = {"role", "check", "--trust-file", trust.toString(), "--policy-file", role.toString(),
            "--caller-policy-file", caller.toString(), "--caller-policy-file", callerServing.toString()};

        RoleCheckCommandTest.Run without = RoleCheckCommandTest.run(new SimulatingIam(Corpus.ours()), check);
        RoleCheckCommandTest.Run with = RoleCheckCommandTest.run(new SimulatingIam(Corpus.ours()), concat(check,
                "--role-trust-file", SERVING + "=" + servingTrust));

        assertThat(escalationRow(without)).containsPattern("caller.escalation +WARN +")
                .contains("it may reach " + SERVING + ": its trust was not given (--role-trust-file ARN=FILE), and"
                        + " role check reads nothing from IAM with documents from files");
        assertThat(escalationRow(with)).containsPattern("caller.escalation +PASS +one bounded path, the intended one:"
                + " iam:PassRole \\+ sagemaker:CreateTrainingJob reaches only " + EXECUTION);
        assertThat(with.code()).isZero();
    }

    @Test
    void theServingRoleCheckedAsServingIsNotReachedByTheCallersTrainingJobs() {
        SimulatingIam iam = Corpus.iam(new dev.trainctl.orchestrator.roles.RoleDocuments(
                dev.trainctl.orchestrator.roles.RoleArn.parse(SERVING), Corpus.servingTrust(),
                java.util.List.of(PolicyDocument.inline(Corpus.NAMES.servingPolicyName(),
                        ServingRolePolicies.permissions(Corpus.NAMES).toJson())), java.util.Optional.empty()));

        RoleCheckCommandTest.Run run = RoleCheckCommandTest.run(iam, "role", "check", "--serving", "--role-arn",
                SERVING);

        assertThat(escalationRow(run)).containsPattern("caller.escalation +WARN +")
                .contains("; it reaches " + EXECUTION + " (whose trust admits")
                .contains("; it may also pass " + SERVING + ", but its trust refuses training jobs");
    }

    @Test
    void aRoleTrustFileIsRoleArnEqualsFileAndEachRoleOnce() throws Exception {
        Path file = Files.writeString(temp.resolve("t.json"), Corpus.servingTrust().json());

        RoleCheckCommandTest.Run noEquals = RoleCheckCommandTest.run(Corpus.iam(Corpus.ours()), "role", "check",
                "--role-arn", EXECUTION, "--role-trust-file", file.toString());
        RoleCheckCommandTest.Run notARole = RoleCheckCommandTest.run(Corpus.iam(Corpus.ours()), "role", "check",
                "--role-arn", EXECUTION, "--role-trust-file", "arn:aws:s3:::bucket=" + file);
        RoleCheckCommandTest.Run twice = RoleCheckCommandTest.run(Corpus.iam(Corpus.ours()), "role", "check",
                "--role-arn", EXECUTION, "--role-trust-file", SERVING + "=" + file, "--role-trust-file",
                SERVING + "=" + file);

        assertThat(noEquals.code()).isEqualTo(2);
        assertThat(noEquals.err()).contains("--role-trust-file " + file + ": give ROLE_ARN=FILE");
        assertThat(notARole.code()).isEqualTo(2);
        assertThat(notARole.err()).contains("arn:aws:s3:::bucket");
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err()).contains("--role-trust-file: " + SERVING + " is given twice");
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }
}
