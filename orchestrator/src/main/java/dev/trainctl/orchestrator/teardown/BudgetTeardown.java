package dev.trainctl.orchestrator.teardown;

import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.aws.Change;
import dev.trainctl.orchestrator.aws.Change.Kind;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.provision.BudgetTags;
import dev.trainctl.orchestrator.provision.ManagedTags;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.DeleteBudgetRequest;
import software.amazon.awssdk.services.budgets.model.DescribeBudgetRequest;

/**
 * Plans the removal of the cost budget {@code provision --budget} made. Only the budget with the name trainctl
 * generates ({@code NAME-monthly-cost}) is looked at; it is removed unless its tags say another owner. A budget that
 * cannot be read, or whose tags cannot be read (so nothing tells it is trainctl's), is left alone with a note that
 * says why and how to delete it: teardown never fails on the cost guard, and never deletes what it cannot tell is its
 * own.
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
            if (AwsErrors.isServiceMissing(e)) {
                return new Part(List.of(), List.of(resource + ": not looked for: the endpoint has no AWS Budgets ("
                        + reason(e, "budgets:ViewBudget", names) + ")"));
            }
            return new Part(List.of(), List.of(resource + ": could not be read (" + reason(e, "budgets:ViewBudget",
                    names) + "); left alone"));
        }
        BudgetTags tags;
        try {
            tags = BudgetTags.read(budgets, names);
        } catch (TrainctlException e) {
            tags = new BudgetTags(Map.of(), Optional.of(e.getMessage()));
        }
        if (tags.unverifiable().isPresent()) {
            return new Part(List.of(), List.of("WARNING: " + resource + ": left in place: " + tags.unverifiable().get()
                    + ", so trainctl cannot tell that it made it; if it did, delete it with '"
                    + BudgetTags.deleteCommand(names) + "'"));
        }
        if (!tags.tags().isEmpty() && tags.owner(names) != ManagedTags.Owner.THIS_NAME) {
            return new Part(List.of(), List.of(resource + ": not tagged managed-by=trainctl, trainctl:name="
                    + names.name() + "; left alone"));
        }
        String because = tags.tags().isEmpty() ? "untagged, but named as trainctl names it"
                : "tagged managed-by=trainctl";
        return new Part(List.of(new Change(resource, Kind.DELETE, "delete the monthly cost budget (" + because + ")",
                DeleteBudgetRequest.builder().accountId(names.account()).budgetName(names.budgetName()).build())),
                List.of());
    }

    private static String reason(SdkException e, String action, ResourceNames names) {
        return AwsErrors.isAccessDenied(e) ? "you may not " + action
                : AwsErrors.translate(e, action, names.budgetArn()).getMessage();
    }
}
