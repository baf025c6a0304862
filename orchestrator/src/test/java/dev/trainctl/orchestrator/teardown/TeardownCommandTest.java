package dev.trainctl.orchestrator.teardown;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.fakes.Cli;
import dev.trainctl.orchestrator.fakes.FakeIam;
import dev.trainctl.orchestrator.provision.ProvisionCommand;
import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import java.util.List;
import org.junit.jupiter.api.Test;

class TeardownCommandTest {

    final Cli cli = new Cli();
    String answer = "";

    TeardownCommand teardown() {
        return new TeardownCommand(cli.clients(), () -> new BufferedReader(new StringReader(answer)));
    }

    @BeforeEach
    void provision() {
        assertThat(cli.run(new ProvisionCommand(cli.clients(), d -> { }, Duration.ZERO), "provision")).isZero();
        cli.clearRecords();
    }

    @Test
    void deletesInlinePoliciesBeforeTheRoleThenRepositoryThenBucket() {
        int code = cli.run(teardown(), "teardown", "--yes");

        assertThat(code).as(cli.err).isZero();
        assertThat(cli.iam.recorder.mutatingOperations()).containsExactly("DeleteRolePolicy", "DeleteRole",
                "DeleteRolePolicy", "DeleteRole");
        assertThat(cli.ecr.recorder.mutatingOperations()).containsExactly("DeleteRepository");
        assertThat(cli.s3.recorder.mutatingOperations()).containsExactly("DeleteBucket");
        assertThat(cli.iam.roles).isEmpty();
        assertThat(cli.ecr.repositories).isEmpty();
        assertThat(cli.s3.exists).isFalse();
    }

    @Test
    void dryRunListsWhatWouldGoAndDeletesNothing() {
        int code = cli.run(teardown(), "teardown", "--dry-run");

        assertThat(code).isZero();
        assertThat(cli.mutatingOperations()).isEmpty();
        assertThat(cli.out).contains("\"operation\": \"DeleteRole\"").contains("nothing was deleted");
    }

    @Test
    void withoutYesAndWithNoInputItRefusesClearly() {
        int code = cli.run(teardown(), "teardown");

        assertThat(code).isEqualTo(ExitCode.USAGE.code());
        assertThat(cli.err).contains("pass --yes");
        assertThat(cli.mutatingOperations()).isEmpty();
    }

    @Test
    void answeringYesGoesAheadAndAnythingElseCancels() {
        answer = "no\n";
        assertThat(cli.run(teardown(), "teardown")).isEqualTo(ExitCode.FAILURE.code());
        assertThat(cli.mutatingOperations()).isEmpty();

        answer = "yes\n";
        assertThat(cli.run(teardown(), "teardown")).isZero();
        assertThat(cli.mutatingOperations()).contains("DeleteRole");
    }

    @Test
    void resourcesNotTaggedForTheNameAreLeftAlone() {
        cli.iam.roles.get("trainctl-mnist-execution").tags = new java.util.ArrayList<>();
        cli.iam.roles.get("trainctl-mnist-serving").tags = new java.util.ArrayList<>();
        cli.ecr.tags.clear();
        cli.s3.tags = new java.util.ArrayList<>();

        int code = cli.run(teardown(), "teardown", "--yes");

        assertThat(code).isZero();
        assertThat(cli.mutatingOperations()).isEmpty();
        assertThat(cli.out).contains("left alone").contains("nothing to tear down");
    }

    @Test
    void theNamesEndpointsGoFirstAndOnlyThoseTrainctlTagged() {
        String job = "trainctl-mnist-20261205-120000-000";
        var spec = dev.trainctl.orchestrator.endpoints.EndpointSpec.forJob(dev.trainctl.orchestrator.names
                .ResourceNames.of("aws", "123456789012", "us-east-1", "trainctl-mnist"), job, "image",
                "arn:aws:iam::123456789012:role/trainctl-mnist-serving",
                dev.trainctl.orchestrator.endpoints.ServerlessSettings.defaults());
        cli.sageMaker.createModel(dev.trainctl.orchestrator.endpoints.EndpointRequests.createModel(spec));
        cli.sageMaker.createEndpointConfig(dev.trainctl.orchestrator.endpoints.EndpointRequests
                .createEndpointConfig(spec));
        cli.sageMaker.createEndpoint(dev.trainctl.orchestrator.endpoints.EndpointRequests.createEndpoint(spec));
        cli.sageMaker.tags.put(dev.trainctl.orchestrator.fakes.FakeSageMaker.PREFIX + "model/" + job, List.of());
        cli.clearRecords();

        assertThat(cli.run(teardown(), "teardown", "--yes")).as(cli.err).isZero();

        assertThat(cli.mutatingOperations().subList(0, 2)).containsExactly("DeleteEndpoint", "DeleteEndpointConfig");
        assertThat(cli.mutatingOperations()).doesNotContain("DeleteModel");
        assertThat(cli.out).contains("model " + job + ": not tagged managed-by=trainctl");
    }

    @Test
    void repositoryWithImagesNeedsDeleteData() {
        cli.ecr.images.put("trainctl-mnist", 2);

        assertThat(cli.run(teardown(), "teardown", "--yes")).isEqualTo(ExitCode.AWS_CONFLICT.code());
        assertThat(cli.err).contains("holds 2 image(s)");
        assertThat(cli.mutatingOperations()).isEmpty();

        assertThat(cli.run(teardown(), "teardown", "--yes", "--delete-data")).isZero();
        assertThat(cli.ecr.recorder.mutatingOperations()).containsExactly("DeleteRepository");
    }

    /** The default bucket is shared by every name: teardown deletes this name's prefix and keeps the rest. */
    @Test
    void deleteDataDeletesOnlyTheNamesPrefixAndKeepsASharedBucketSayingWhatIsLeft() {
        cli.s3.objects.put("trainctl-mnist/data/train-images-idx3-ubyte.gz", "1");
        cli.s3.objects.put("trainctl-other/data/train-images-idx3-ubyte.gz", "2");
        cli.s3.objects.put("someone-else/notes.txt", "3");
        cli.s3.objects.put("trainctl-mnist-gpu/output/model.tar.gz", "4");

        int code = cli.run(teardown(), "teardown", "--yes", "--delete-data");

        assertThat(code).as(cli.err).isZero();
        assertThat(cli.s3.recorder.mutatingOperations()).containsExactly("DeleteObjects");
        assertThat(cli.s3.objects).containsOnlyKeys("trainctl-other/data/train-images-idx3-ubyte.gz",
                "someone-else/notes.txt", "trainctl-mnist-gpu/output/model.tar.gz");
        assertThat(cli.s3.exists).isTrue();
        assertThat(cli.err).contains("WARNING: bucket trainctl-123456789012-us-east-1: kept: it holds 3 object "
                + "version(s) or delete marker(s) that are not under trainctl-mnist/ (someone-else/ 1, "
                + "trainctl-mnist-gpu/ 1, trainctl-other/ 1)");
    }

    @Test
    void withoutDeleteDataOnlyOtherPrefixesKeepTheBucketAndTheRestIsTornDown() {
        cli.s3.objects.put("someone-else/notes.txt", "3");

        assertThat(cli.run(teardown(), "teardown", "--yes")).as(cli.err).isZero();

        assertThat(cli.s3.recorder.mutatingOperations()).isEmpty();
        assertThat(cli.iam.roles).isEmpty();
        assertThat(cli.err).contains("kept: it holds 1 object version(s)").contains("someone-else/ 1");
    }

    @Test
    void theNamesDataInAnotherNamesBucketNeedsDeleteDataAndOnlyItGoes() {
        cli.s3.tags = new java.util.ArrayList<>(List.of(tag("managed-by", "trainctl"),
                tag("trainctl:name", "trainctl-other")));
        cli.s3.objects.put("trainctl-mnist/output/model.tar.gz", "1");
        cli.s3.objects.put("trainctl-other/output/model.tar.gz", "2");

        assertThat(cli.run(teardown(), "teardown", "--yes")).isEqualTo(ExitCode.AWS_CONFLICT.code());
        assertThat(cli.err).contains("holds 1 object version(s) or delete marker(s) under trainctl-mnist/");
        assertThat(cli.mutatingOperations()).isEmpty();

        assertThat(cli.run(teardown(), "teardown", "--yes", "--delete-data")).as(cli.err).isZero();
        assertThat(cli.s3.recorder.mutatingOperations()).containsExactly("DeleteObjects");
        assertThat(cli.s3.objects).containsOnlyKeys("trainctl-other/output/model.tar.gz");
        assertThat(cli.out).contains("kept: it is trainctl's for 'trainctl-other'");
    }

    private static software.amazon.awssdk.services.s3.model.Tag tag(String key, String value) {
        return software.amazon.awssdk.services.s3.model.Tag.builder().key(key).value(value).build();
    }

    @Test
    void jsonOutputListsTheDeletions() {
        cli.run(teardown(), "teardown", "--yes", "--output", "json");

        var json = JsonParser.parseString(cli.out).getAsJsonObject();
        assertThat(json.get("deleted").getAsBoolean()).isTrue();
        assertThat(json.getAsJsonArray("changes")).hasSize(6);
    }

    @Test
    void removesTheCostBudgetTrainctlTaggedAndDryRunOnlyShowsIt() {
        cli.run(new ProvisionCommand(cli.clients(), d -> { }, Duration.ZERO), "provision", "--budget", "20",
                "--notify", "me@example.com");
        cli.clearRecords();

        cli.run(teardown(), "teardown", "--dry-run");
        assertThat(cli.out).contains("- budget trainctl-mnist-monthly-cost: delete the monthly cost budget (tagged "
                + "managed-by=trainctl)").contains("\"operation\": \"DeleteBudget\"");
        assertThat(cli.mutatingOperations()).isEmpty();

        int code = cli.run(teardown(), "teardown", "--yes");

        assertThat(code).as(cli.err).isZero();
        assertThat(cli.budgets.answers.recorder.mutatingOperations()).containsExactly("DeleteBudget");
        assertThat(cli.budgets.budgets).isEmpty();
    }

    @Test
    void leavesABudgetOfThatNameTaggedForSomeoneElseAlone() {
        cli.budgets.budgets.put("trainctl-mnist-monthly-cost", software.amazon.awssdk.services.budgets.model.Budget
                .builder().budgetName("trainctl-mnist-monthly-cost").build());
        cli.budgets.tags.put("arn:aws:budgets::123456789012:budget/trainctl-mnist-monthly-cost", java.util.List.of(
                software.amazon.awssdk.services.budgets.model.ResourceTag.builder().key("team").value("finance")
                        .build()));

        int code = cli.run(teardown(), "teardown", "--yes");

        assertThat(code).isZero();
        assertThat(cli.budgets.answers.recorder.mutatingOperations()).isEmpty();
        assertThat(cli.out).contains("budget trainctl-mnist-monthly-cost: not tagged managed-by=trainctl");
    }

    @Test
    void aBudgetThatCannotBeReadIsLeftAloneAndTheRestIsTornDown() {
        cli.budgets.answers.deny("DescribeBudget", "budgets:ViewBudget");

        int code = cli.run(teardown(), "teardown", "--yes");

        assertThat(code).isZero();
        assertThat(cli.out).contains("budget trainctl-mnist-monthly-cost: could not be read (you may not "
                + "budgets:ViewBudget); left alone");
        assertThat(cli.iam.recorder.mutatingOperations()).contains("DeleteRole");
    }

    @Test
    void aBudgetWhoseTagsCannotBeReadIsLeftInPlaceWithTheCommandToDeleteIt() {
        cli.run(new ProvisionCommand(cli.clients(), d -> { }, Duration.ZERO), "provision", "--budget", "20",
                "--notify", "me@example.com");
        cli.budgets.answers.fail("ListTagsForResource", dev.trainctl.orchestrator.fakes.AwsFaults.error(500,
                "InternalFailure", "ListTagsForResource is not implemented"));
        cli.clearRecords();

        int code = cli.run(teardown(), "teardown", "--yes");

        assertThat(code).as(cli.err).isZero();
        assertThat(cli.budgets.answers.recorder.mutatingOperations()).isEmpty();
        assertThat(cli.err).contains("WARNING: budget trainctl-mnist-monthly-cost: left in place: the endpoint does"
                + " not answer budgets:ListTagsForResource (HTTP 500), so trainctl cannot tell that it made it; if it"
                + " did, delete it with 'aws budgets delete-budget --account-id 123456789012 --budget-name"
                + " trainctl-mnist-monthly-cost'");
        assertThat(cli.iam.recorder.mutatingOperations()).contains("DeleteRole");
    }

    @Test
    void onAnEndpointTheBudgetProvisionMadeThereIsTornDownToo() {
        cli.run(new ProvisionCommand(cli.clients(), d -> { }, Duration.ZERO), "provision", "--budget", "20",
                "--notify", "me@example.com", "--endpoint-url", "http://127.0.0.1:5000");
        cli.clearRecords();

        int code = cli.run(teardown(), "teardown", "--yes", "--endpoint-url", "http://127.0.0.1:5000");

        assertThat(code).as(cli.err).isZero();
        assertThat(cli.budgets.answers.recorder.mutatingOperations()).containsExactly("DeleteBudget");
    }

    @Test
    void anEndpointWithoutBudgetsSaysTheBudgetWasNotLookedFor() {
        cli.budgets.answers.fail("DescribeBudget", dev.trainctl.orchestrator.fakes.AwsFaults.error(400, null,
                "not a Budgets endpoint"));

        int code = cli.run(teardown(), "teardown", "--yes", "--endpoint-url", "http://127.0.0.1:9000");

        assertThat(code).as(cli.err).isZero();
        assertThat(cli.out).contains("budget trainctl-mnist-monthly-cost: not looked for: the endpoint has no AWS"
                + " Budgets");
    }
}
