package dev.trainctl.orchestrator.teardown;

import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.aws.Change;
import dev.trainctl.orchestrator.aws.Change.Kind;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.provision.ManagedTags;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.DeleteBudgetRequest;
import software.amazon.awssdk.services.budgets.model.DescribeBudgetRequest;
import software.amazon.awssdk.services.budgets.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.budgets.model.ResourceTag;

/**
 * Plans the removal of the cost budget {@code provision --budget} made. Only the budget with the name trainctl
 * generates ({@code NAME-monthly-cost}) is looked at; it is removed unless its tags say another owner. A budget that
 * cannot be read is left alone with a note: teardown never fails on the cost guard.
 */
final class BudgetTeardown {

    /** The deletions (none or one) and what was left alone. */
    record Part(List<Change> changes, List<String> notes) {}

    private final BudgetsClient budgets;

    BudgetTeardown(BudgetsClient budgets) {
        this.budgets = budgets;
    }

    Part plan(ResourceNames names) {
        String resource = "budget " + names.budgetName();
        try {
            budgets.describeBudget(DescribeBudgetRequest.builder().accountId(names.account())
                    .budgetName(names.budgetName()).build());
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e) && !AwsErrors.isAccessDenied(e)) {
                return new Part(List.of(), List.of(resource + ": not found"));
            }
            return new Part(List.of(), List.of(resource + ": could not be read (" + reason(e, "budgets:ViewBudget",
                    names) + "); left alone"));
        }
        Map<String, String> tags;
        String because;
        try {
            tags = budgets.listTagsForResource(ListTagsForResourceRequest.builder().resourceARN(names.budgetArn())
                    .build()).resourceTags().stream().collect(Collectors.toMap(ResourceTag::key, ResourceTag::value,
                            (a, b) -> b));
            because = tags.isEmpty() ? "untagged, but named as trainctl names it" : "tagged managed-by=trainctl";
        } catch (SdkException e) {
            tags = Map.of();
            because = "tags unreadable (" + reason(e, "budgets:ListTagsForResource", names) + "), but named as "
                    + "trainctl names it";
        }
        if (!tags.isEmpty() && ManagedTags.owner(tags, names) != ManagedTags.Owner.THIS_NAME) {
            return new Part(List.of(), List.of(resource + ": not tagged managed-by=trainctl, trainctl:name="
                    + names.name() + "; left alone"));
        }
        return new Part(List.of(new Change(resource, Kind.DELETE, "delete the monthly cost budget (" + because + ")",
                DeleteBudgetRequest.builder().accountId(names.account()).budgetName(names.budgetName()).build())),
                List.of());
    }

    private static String reason(SdkException e, String action, ResourceNames names) {
        return AwsErrors.isAccessDenied(e) ? "you may not " + action
                : AwsErrors.translate(e, action, names.budgetArn()).getMessage();
    }
}
