package dev.trainctl.orchestrator.provision;

import dev.trainctl.orchestrator.aws.ModelConstraints;
import dev.trainctl.orchestrator.names.ResourceNames;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.BudgetType;
import software.amazon.awssdk.services.budgets.model.ComparisonOperator;
import software.amazon.awssdk.services.budgets.model.CreateBudgetRequest;
import software.amazon.awssdk.services.budgets.model.Notification;
import software.amazon.awssdk.services.budgets.model.NotificationType;
import software.amazon.awssdk.services.budgets.model.NotificationWithSubscribers;
import software.amazon.awssdk.services.budgets.model.ResourceTag;
import software.amazon.awssdk.services.budgets.model.Spend;
import software.amazon.awssdk.services.budgets.model.Subscriber;
import software.amazon.awssdk.services.budgets.model.SubscriptionType;
import software.amazon.awssdk.services.budgets.model.ThresholdType;
import software.amazon.awssdk.services.budgets.model.TimeUnit;
import software.amazon.awssdk.services.budgets.model.UpdateBudgetRequest;

/**
 * The cost guard {@code provision --budget USD --notify EMAIL} creates: a monthly AWS Budgets cost budget named
 * {@code NAME-monthly-cost} that emails at 80% of actual spend and at 100% of forecast spend, tagged as managed.
 *
 * @param names the trainctl resources (account, name, tags)
 * @param ask the limit and the address from the command line
 */
public record CostBudget(ResourceNames names, Ask ask) {

    static final double ACTUAL_PERCENT = 80;
    static final double FORECAST_PERCENT = 100;
    /** A sanity bound: a typo (an extra 0 or three) should not pass silently. */
    static final BigDecimal MAX_USD = new BigDecimal("100000");

    /**
     * What {@code --budget USD --notify EMAIL} asked for, checked before any AWS call.
     *
     * @param limitUsd the monthly limit in USD
     * @param email who is told
     */
    public record Ask(BigDecimal limitUsd, String email) {

        public Ask {
            if (limitUsd == null || limitUsd.signum() <= 0 || limitUsd.compareTo(MAX_USD) > 0) {
                throw new IllegalArgumentException("--budget must be a monthly amount in USD above 0 and at most "
                        + MAX_USD.toPlainString() + ", got " + (limitUsd == null ? "nothing" : limitUsd.toPlainString()));
            }
            if (email == null || !isEmailAddress(email)) {
                throw new IllegalArgumentException("--notify must be one email address (you@example.com): a local"
                        + " part of letters, digits and !#$%&'*+/=?^_`{|}~- with single dots inside, and a domain name"
                        + " of letters, digits and inner hyphens with a letter-only top level (no IP address), got '"
                        + email + "'");
            }
            ModelConstraints.BUDGET_EMAIL.require("--notify", email);
            // The SDK sends a BigDecimal as its toString(): 20 stripped of its zeros would go as "2E+1", which the
            // Budgets API refuses; the plain form with no trailing zeros goes as "20".
            limitUsd = new BigDecimal(limitUsd.stripTrailingZeros().toPlainString());
            ModelConstraints.BUDGET_AMOUNT.require("--budget", limitUsd.toString());
        }

        /**
         * An address mail can be sent to: RFC 5321's dot-atom local part (at most 64 characters) and a DNS host name
         * (at most 253). Budgets' model takes any string as the subscriber's Address, so trainctl checks the sane
         * subset: no quoted local parts, no {@code [1.2.3.4]} literals, no leading, trailing or doubled dots.
         */
        static boolean isEmailAddress(String email) {
            int at = email.lastIndexOf('@');
            if (at < 1 || email.length() > 254) {
                return false;
            }
            String local = email.substring(0, at);
            String domain = email.substring(at + 1);
            return local.length() <= 64 && local.matches(ATOM + "(\\." + ATOM + ")*") && domain.length() <= 253
                    && domain.matches("(" + LABEL + "\\.)+[A-Za-z]{2,63}");
        }

        private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
        private static final String LABEL = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?";

        /** {@code --budget USD --notify EMAIL}: both or neither. */
        public static Optional<Ask> parse(Optional<String> budget, Optional<String> email) {
            if (budget.isEmpty() && email.isEmpty()) {
                return Optional.empty();
            }
            if (budget.isEmpty() || email.isEmpty()) {
                throw new IllegalArgumentException("--budget and --notify go together: --budget 20 --notify "
                        + "you@example.com creates a monthly cost budget that emails you");
            }
            BigDecimal amount;
            try {
                amount = new BigDecimal(budget.get().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--budget needs a number of USD (e.g. 20 or 12.50), got '"
                        + budget.get() + "'");
            }
            return Optional.of(new Ask(amount, email.get().trim()));
        }
    }

    public CostBudget {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(ask, "ask");
    }

    public BigDecimal limitUsd() {
        return ask.limitUsd();
    }

    public String email() {
        return ask.email();
    }

    public String name() {
        return names.budgetName();
    }

    public String arn() {
        return names.budgetArn();
    }

    /** The budget itself: cost, monthly, the limit in USD. */
    public Budget budget() {
        return Budget.builder().budgetName(name()).budgetType(BudgetType.COST).timeUnit(TimeUnit.MONTHLY)
                .budgetLimit(Spend.builder().amount(limitUsd()).unit("USD").build()).build();
    }

    public CreateBudgetRequest createRequest() {
        return CreateBudgetRequest.builder().accountId(names.account()).budget(budget())
                .notificationsWithSubscribers(notification(NotificationType.ACTUAL, ACTUAL_PERCENT),
                        notification(NotificationType.FORECASTED, FORECAST_PERCENT))
                .resourceTags(names.tags().stream().map(t -> ResourceTag.builder().key(t.key()).value(t.value())
                        .build()).toList())
                .build();
    }

    /** A new limit for the existing budget (its notifications are left as they are). */
    public UpdateBudgetRequest updateRequest() {
        return UpdateBudgetRequest.builder().accountId(names.account()).newBudget(budget()).build();
    }

    public String summary() {
        return "monthly cost budget of " + limitUsd().toPlainString() + " USD, emailing " + email() + " at "
                + (int) ACTUAL_PERCENT + "% of actual and " + (int) FORECAST_PERCENT + "% of forecast spend";
    }

    private NotificationWithSubscribers notification(NotificationType type, double percent) {
        return NotificationWithSubscribers.builder()
                .notification(Notification.builder().notificationType(type)
                        .comparisonOperator(ComparisonOperator.GREATER_THAN).threshold(percent)
                        .thresholdType(ThresholdType.PERCENTAGE).build())
                .subscribers(List.of(Subscriber.builder().subscriptionType(SubscriptionType.EMAIL).address(email())
                        .build()))
                .build();
    }
}
