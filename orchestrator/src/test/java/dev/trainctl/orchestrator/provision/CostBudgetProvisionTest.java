package dev.trainctl.orchestrator.provision;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.fakes.AwsFaults;
import dev.trainctl.orchestrator.fakes.Cli;
import dev.trainctl.orchestrator.fakes.FakeBudgets;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.budgets.model.CreateBudgetRequest;
import software.amazon.awssdk.services.budgets.model.NotificationType;
import software.amazon.awssdk.services.budgets.model.ResourceTag;
import software.amazon.awssdk.services.budgets.model.SubscriptionType;
import software.amazon.awssdk.services.budgets.model.ThresholdType;
import software.amazon.awssdk.services.budgets.model.TimeUnit;
import software.amazon.awssdk.services.budgets.model.UpdateBudgetRequest;

/** {@code provision --budget USD --notify EMAIL}: the cost guard, created once, tagged, repaired, never adopted. */
class CostBudgetProvisionTest {

    static final String BUDGET = "trainctl-mnist-monthly-cost";
    static final String ARN = "arn:aws:budgets::123456789012:budget/" + BUDGET;

    final Cli cli = new Cli();
    final ProvisionCommand command = new ProvisionCommand(cli.clients(), d -> { }, Duration.ZERO);

    int provision(String... more) {
        String[] args = new String[more.length + 1];
        args[0] = "provision";
        System.arraycopy(more, 0, args, 1, more.length);
        return cli.run(command, args);
    }

    @Test
    void createsAMonthlyCostBudgetThatEmailsAtEightyPercentActualAndHundredPercentForecastTagged() {
        int code = provision("--budget", "20", "--notify", "me@example.com");

        assertThat(code).as(cli.err).isZero();
        CreateBudgetRequest create = cli.budgets.answers.recorder.of(CreateBudgetRequest.class).get(0);
        assertThat(create.accountId()).isEqualTo("123456789012");
        assertThat(create.budget().budgetName()).isEqualTo(BUDGET);
        assertThat(create.budget().timeUnit()).isEqualTo(TimeUnit.MONTHLY);
        assertThat(create.budget().budgetLimit().amount()).isEqualByComparingTo(new BigDecimal("20"));
        assertThat(create.budget().budgetLimit().unit()).isEqualTo("USD");
        assertThat(create.notificationsWithSubscribers()).extracting(n -> n.notification().notificationType() + " "
                + n.notification().threshold() + " " + n.notification().thresholdType())
                .containsExactly(NotificationType.ACTUAL + " 80.0 " + ThresholdType.PERCENTAGE,
                        NotificationType.FORECASTED + " 100.0 " + ThresholdType.PERCENTAGE);
        assertThat(create.notificationsWithSubscribers()).allSatisfy(n -> assertThat(n.subscribers())
                .singleElement().satisfies(s -> {
                    assertThat(s.subscriptionType()).isEqualTo(SubscriptionType.EMAIL);
                    assertThat(s.address()).isEqualTo("me@example.com");
                }));
        assertThat(create.resourceTags()).extracting(t -> t.key() + "=" + t.value())
                .containsExactly("managed-by=trainctl", "trainctl:name=trainctl-mnist");
        assertThat(cli.out).contains("+ budget " + BUDGET + ": create the monthly cost budget of 20 USD")
                .contains("budget         " + ARN);
    }

    @Test
    void aSecondRunChangesNothing() {
        provision("--budget", "20", "--notify", "me@example.com");
        cli.clearRecords();

        int code = provision("--budget", "20.00", "--notify", "me@example.com");

        assertThat(code).isZero();
        assertThat(cli.mutatingOperations()).isEmpty();
        assertThat(cli.out).contains("no changes").contains("and budget " + BUDGET);
    }

    @Test
    void aChangedLimitIsShownAsADiffAndRepaired() {
        provision("--budget", "20", "--notify", "me@example.com");
        cli.clearRecords();

        provision("--budget", "35", "--notify", "me@example.com");

        assertThat(cli.mutatingOperations()).containsExactly("UpdateBudget");
        assertThat(cli.budgets.answers.recorder.of(UpdateBudgetRequest.class).get(0).newBudget().budgetLimit()
                .amount()).isEqualByComparingTo("35");
        assertThat(cli.out).contains("- BudgetLimit: 20 USD").contains("+ BudgetLimit: 35 USD");
    }

    /** moto answers Budgets' ListTagsForResource with HTTP 500: nothing tells whose the budget is. */
    private void tagsUnreadable() {
        cli.budgets.answers.fail("ListTagsForResource", AwsFaults.error(500, "InternalFailure",
                "ListTagsForResource is not implemented"));
    }

    @Test
    void aSecondRunWhereTheBudgetsTagsCannotBeReadLeavesItAndSaysWhy() {
        provision("--budget", "20", "--notify", "me@example.com");
        tagsUnreadable();
        cli.clearRecords();

        int code = provision("--budget", "20", "--notify", "me@example.com");

        assertThat(code).as(cli.err).isZero();
        assertThat(cli.mutatingOperations()).isEmpty();
        assertThat(cli.err).contains("WARNING: budget " + BUDGET + " exists, but the endpoint does not answer"
                + " budgets:ListTagsForResource (HTTP 500), so trainctl cannot tell whether it made it; left as it is"
                + " (monthly limit 20 USD, as asked)");
        assertThat(cli.out).contains("no changes").doesNotContain("and budget " + BUDGET);
    }

    @Test
    void aNewLimitForABudgetWhoseTagsCannotBeReadIsAConflictAndUntouched() {
        provision("--budget", "20", "--notify", "me@example.com");
        tagsUnreadable();
        cli.clearRecords();

        int code = provision("--budget", "35", "--notify", "me@example.com");

        assertThat(code).isEqualTo(7);
        assertThat(cli.err).contains("so trainctl cannot tell whether it made it: its monthly limit stays 20 USD"
                + " (asked 35 USD)");
        assertThat(cli.mutatingOperations()).isEmpty();
    }

    @Test
    void aBudgetOfThatNameTrainctlDidNotTagIsAConflictAndUntouched() {
        cli.budgets.budgets.put(BUDGET, new CostBudget(ProvisionCommandTest.NAMES, new CostBudget.Ask(
                BigDecimal.TEN, "other@example.com")).budget());
        cli.budgets.tags.put(ARN, List.of(ResourceTag.builder().key("team").value("finance").build()));

        int code = provision("--budget", "20", "--notify", "me@example.com");

        assertThat(code).isEqualTo(7);
        assertThat(cli.err).contains("budget " + BUDGET + " exists but is not managed by trainctl");
        assertThat(cli.mutatingOperations()).isEmpty();
    }

    @Test
    void dryRunShowsTheCreateBudgetRequestAndSendsNothing() {
        int code = provision("--budget", "20", "--notify", "me@example.com", "--dry-run");

        assertThat(code).isZero();
        assertThat(cli.mutatingOperations()).isEmpty();
        assertThat(cli.out).contains("\"operation\": \"CreateBudget\"").contains("\"NotificationsWithSubscribers\"")
                .contains("\"ResourceTags\"").contains("\"Address\": \"me@example.com\"");
    }

    @Test
    void budgetAndNotifyGoTogetherAndAreCheckedBeforeAnyAwsCall() {
        assertThat(provision("--budget", "20")).isEqualTo(2);
        assertThat(cli.err).contains("--budget and --notify go together");
        assertThat(provision("--budget", "twenty", "--notify", "me@example.com")).isEqualTo(2);
        assertThat(cli.err).contains("--budget needs a number of USD");
        assertThat(provision("--budget", "0", "--notify", "me@example.com")).isEqualTo(2);
        assertThat(provision("--budget", "20", "--notify", "not-an-address")).isEqualTo(2);
        assertThat(cli.err).contains("--notify must be one email address");
        assertThat(cli.sts.recorder.all()).isEmpty();
    }

    @Test
    void withoutABudgetProvisionSuggestsOneWhenTheAccountHasNoCostGuard() {
        provision();
        assertThat(cli.out).contains("note: no cost budget or billing alarm in this account; add one with trainctl "
                + "provision --budget 20 --notify you@example.com");

        Cli guarded = new Cli();
        guarded.billingMetrics.alarm("billing", "AWS/Billing", "EstimatedCharges", 10);
        guarded.run(new ProvisionCommand(guarded.clients(), d -> { }, Duration.ZERO), "provision");
        assertThat(guarded.out).doesNotContain("no cost budget");
    }

    @Test
    void jsonNamesTheBudget() {
        provision("--budget", "20", "--notify", "me@example.com", "--output", "json");

        JsonObject json = JsonParser.parseString(cli.out).getAsJsonObject();
        assertThat(json.get("budget").getAsString()).isEqualTo(ARN);
        assertThat(FakeBudgets.arn("123456789012", BUDGET)).isEqualTo(ARN);
    }
}
