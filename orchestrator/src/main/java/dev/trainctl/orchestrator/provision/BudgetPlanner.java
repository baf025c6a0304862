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
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.DescribeBudgetRequest;
import software.amazon.awssdk.services.budgets.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.budgets.model.ResourceTag;

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
        Map<String, String> tags = tags(wanted.names());
        if (ManagedTags.owner(tags, wanted.names()) != ManagedTags.Owner.THIS_NAME) {
            throw new TrainctlException(ExitCode.AWS_CONFLICT, "budget " + wanted.name() + " exists but is not "
                    + "managed by trainctl for '" + wanted.names().name() + "' (tags " + tags + "): trainctl never "
                    + "changes a budget it did not create; choose another --name");
        }
        BigDecimal current = existing.get().budgetLimit() == null ? null : existing.get().budgetLimit().amount();
        if (current != null && current.compareTo(wanted.limitUsd()) == 0) {
            return new PlanPart(List.of(), List.of());
        }
        return new PlanPart(List.of(new Change(resource, Kind.UPDATE, "repair: monthly limit "
                + wanted.limitUsd().toPlainString() + " USD", wanted.updateRequest(), TextDiff.value("BudgetLimit",
                        current == null ? "none" : current.stripTrailingZeros().toPlainString() + " USD",
                        wanted.limitUsd().toPlainString() + " USD"))),
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

    private Map<String, String> tags(ResourceNames names) {
        try {
            return budgets.listTagsForResource(ListTagsForResourceRequest.builder().resourceARN(names.budgetArn())
                    .build()).resourceTags().stream().collect(Collectors.toMap(ResourceTag::key, ResourceTag::value,
                            (a, b) -> b));
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "budgets:ListTagsForResource", names.budgetArn());
        }
    }
}
