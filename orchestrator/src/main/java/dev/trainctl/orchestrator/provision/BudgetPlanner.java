package dev.trainctl.orchestrator.provision;

import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.aws.Change;
import dev.trainctl.orchestrator.aws.Change.Kind;
import dev.trainctl.orchestrator.aws.TextDiff;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.names.ResourceNames;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.DescribeBudgetRequest;

/**
 * Plans the cost budget: create it when missing, change its limit when it differs, nothing when it is as asked.
 * A budget of that name that trainctl did not tag for this name is an error, never adopted.
 */
public final class BudgetPlanner {

    private final BudgetsClient budgets;

    public BudgetPlanner(BudgetsClient budgets) {
        this.budgets = budgets;
    }

    public PlanPart plan(CostBudget wanted, boolean assumeAbsent) {
        String resource = "budget " + wanted.name();
        Optional<Budget> existing = assumeAbsent ? Optional.empty() : read(wanted.names());
        if (existing.isEmpty()) {
            return new PlanPart(List.of(new Change(resource, Kind.CREATE, "create the " + wanted.summary()
                    + "; tag managed-by=trainctl, trainctl:name=" + wanted.names().name(), wanted.createRequest())),
                    List.of());
        }
        BudgetTags tags = BudgetTags.read(budgets, wanted.names());
        BigDecimal current = existing.get().budgetLimit() == null ? null : existing.get().budgetLimit().amount();
        String limit = current == null ? "none" : current.stripTrailingZeros().toPlainString() + " USD";
        if (tags.unverifiable().isPresent()) {
            // Nothing proves trainctl made it, so nothing is changed; the same limit is what was asked, a different
            // one cannot be repaired.
            String why = "budget " + wanted.name() + " exists, but " + tags.unverifiable().get() + ", so trainctl"
                    + " cannot tell whether it made it";
            if (current == null || current.compareTo(wanted.limitUsd()) != 0) {
                throw new TrainctlException(ExitCode.AWS_CONFLICT, why + ": its monthly limit stays " + limit
                        + " (asked " + wanted.limitUsd().toPlainString() + " USD), since trainctl changes only a"
                        + " budget it can tell is its own; check its tags, or choose another --name");
            }
            return new PlanPart(List.of(), List.of("WARNING: " + why + "; left as it is (monthly limit " + limit
                    + ", as asked)"));
        }
        if (tags.owner(wanted.names()) != ManagedTags.Owner.THIS_NAME) {
            throw new TrainctlException(ExitCode.AWS_CONFLICT, "budget " + wanted.name() + " exists but is not "
                    + "managed by trainctl for '" + wanted.names().name() + "' (tags " + tags.tags() + "): trainctl"
                    + " never changes a budget it did not create; choose another --name");
        }
        if (current != null && current.compareTo(wanted.limitUsd()) == 0) {
            return new PlanPart(List.of(), List.of());
        }
        return new PlanPart(List.of(new Change(resource, Kind.UPDATE, "repair: monthly limit "
                + wanted.limitUsd().toPlainString() + " USD", wanted.updateRequest(), TextDiff.value("BudgetLimit",
                        limit, wanted.limitUsd().toPlainString() + " USD"))),
                List.of("budget " + wanted.name() + ": its notifications are left as they are (change the email in "
                        + "the Budgets console)"));
    }

    private Optional<Budget> read(ResourceNames names) {
        try {
            return Optional.of(budgets.describeBudget(DescribeBudgetRequest.builder().accountId(names.account())
                    .budgetName(names.budgetName()).build()).budget());
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e) && !AwsErrors.isAccessDenied(e)) {
                return Optional.empty();
            }
            throw AwsErrors.translate(e, "budgets:ViewBudget", names.budgetArn());
        }
    }
}
