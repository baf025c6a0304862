package dev.trainctl.orchestrator.account;

import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.rolecheck.CheckResult;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.BudgetType;
import software.amazon.awssdk.services.budgets.model.DescribeBudgetsRequest;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * Check 5: something tells the owner when spending runs away: an AWS Budgets cost budget, or a CloudWatch alarm on
 * the {@code AWS/Billing} {@code EstimatedCharges} metric (published only in us-east-1, where the clients are).
 */
public final class CostGuardRow {

    static final String CHECK = "cost.guard";
    static final String BILLING_NAMESPACE = "AWS/Billing";
    static final String BILLING_METRIC = "EstimatedCharges";
    /** What {@code account check} and {@code provision} suggest when there is no cost guard. */
    public static final String SUGGESTION = "trainctl provision --budget 20 --notify you@example.com (a monthly cost "
            + "budget that emails at 80% of actual and 100% of forecast spend)";

    private final BudgetsClient budgets;
    private final CloudWatchClient billingMetrics;

    public CostGuardRow(BudgetsClient budgets, CloudWatchClient billingMetrics) {
        this.budgets = budgets;
        this.billingMetrics = billingMetrics;
    }

    public CheckResult row(String account) {
        CheckResult budgetFailure = null;
        try {
            Optional<Budget> budget = costBudgets(account).stream().findFirst();
            if (budget.isPresent()) {
                return CheckResult.pass(CHECK, "cost budget " + budget.get().budgetName() + " ("
                        + limit(budget.get()) + " per " + period(budget.get()) + ")");
            }
        } catch (SdkException e) {
            budgetFailure = Unreadable.row(CHECK, "budgets", "budgets:ViewBudget", "the account's budgets", e);
        }
        CheckResult alarmFailure = null;
        try {
            Optional<MetricAlarm> alarm = billingAlarms().stream().findFirst();
            if (alarm.isPresent()) {
                return CheckResult.pass(CHECK, "billing alarm " + alarm.get().alarmName() + " on " + BILLING_NAMESPACE
                        + " " + BILLING_METRIC + (alarm.get().threshold() == null ? "" : " (threshold "
                                + alarm.get().threshold() + " USD)"));
            }
        } catch (SdkException e) {
            alarmFailure = Unreadable.row(CHECK, "billing alarms", "cloudwatch:DescribeAlarms", "us-east-1 alarms", e);
        }
        if (budgetFailure != null || alarmFailure != null) {
            String reason = (budgetFailure != null ? budgetFailure.reason() : "no cost budget")
                    + "; " + (alarmFailure != null ? alarmFailure.reason() : "no billing alarm");
            return CheckResult.warn(CHECK, reason, Unreadable.POLICY_HINT);
        }
        return CheckResult.warn(CHECK, "no cost budget and no " + BILLING_NAMESPACE + " " + BILLING_METRIC + " alarm: "
                + "nothing warns you before the bill does", SUGGESTION);
    }

    /** Whether the row found nothing at all (not merely nothing it could read): then {@code provision} suggests one. */
    public static boolean noneFound(CheckResult row) {
        return row.fix() != null && row.fix().equals(SUGGESTION);
    }

    private List<Budget> costBudgets(String account) {
        try {
            return budgets.describeBudgetsPaginator(DescribeBudgetsRequest.builder().accountId(account).build())
                    .budgets().stream().filter(b -> b.budgetType() == BudgetType.COST).toList();
        } catch (SdkException e) {
            // Budgets answers NotFoundException when the account has no budget at all.
            if (AwsErrors.isNotFound(e) && !AwsErrors.isAccessDenied(e)) {
                return List.of();
            }
            throw e;
        }
    }

    private List<MetricAlarm> billingAlarms() {
        return billingMetrics.describeAlarmsPaginator(DescribeAlarmsRequest.builder().build()).metricAlarms().stream()
                .filter(CostGuardRow::watchesCharges).toList();
    }

    private static boolean watchesCharges(MetricAlarm alarm) {
        if (BILLING_NAMESPACE.equals(alarm.namespace()) && BILLING_METRIC.equals(alarm.metricName())) {
            return true;
        }
        // Alarms on metric math carry their metrics in a list instead.
        return alarm.hasMetrics() && alarm.metrics().stream().anyMatch(q -> q.metricStat() != null
                && q.metricStat().metric() != null && BILLING_NAMESPACE.equals(q.metricStat().metric().namespace())
                && BILLING_METRIC.equals(q.metricStat().metric().metricName()));
    }

    private static String period(Budget budget) {
        return switch (String.valueOf(budget.timeUnitAsString())) {
            case "DAILY" -> "day";
            case "MONTHLY" -> "month";
            case "QUARTERLY" -> "quarter";
            case "ANNUALLY" -> "year";
            default -> "period";
        };
    }

    private static String limit(Budget budget) {
        return budget.budgetLimit() == null ? "no fixed limit"
                : budget.budgetLimit().amount().stripTrailingZeros().toPlainString() + " " + budget.budgetLimit().unit();
    }
}
