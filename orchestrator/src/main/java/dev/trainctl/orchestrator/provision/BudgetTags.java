package dev.trainctl.orchestrator.provision;

import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.names.ResourceNames;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.budgets.model.ResourceTag;

/**
 * The tags of the cost budget {@code NAME-monthly-cost}: how {@code provision} and {@code teardown} tell that
 * trainctl made it. An endpoint that does not answer {@code ListTagsForResource} (moto answers HTTP 500) cannot say
 * whose the budget is: then {@link #unverifiable} says why, and neither command changes or deletes the budget.
 *
 * @param tags the budget's tags (empty when unverifiable)
 * @param unverifiable why ownership cannot be told, if it cannot
 */
public record BudgetTags(Map<String, String> tags, Optional<String> unverifiable) {

    public BudgetTags {
        tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
    }

    /** Reads the tags; a denial or other failure is a {@link dev.trainctl.orchestrator.cli.TrainctlException}. */
    public static BudgetTags read(BudgetsClient budgets, ResourceNames names) {
        try {
            return new BudgetTags(budgets.listTagsForResource(ListTagsForResourceRequest.builder()
                    .resourceARN(names.budgetArn()).build()).resourceTags().stream()
                    .collect(Collectors.toMap(ResourceTag::key, ResourceTag::value, (a, b) -> b,
                            java.util.LinkedHashMap::new)), Optional.empty());
        } catch (SdkException e) {
            if (AwsErrors.isServiceMissing(e)) {
                return new BudgetTags(Map.of(), Optional.of("the endpoint does not answer budgets:ListTagsForResource"
                        + (e instanceof AwsServiceException s ? " (HTTP " + s.statusCode() + ")" : "")));
            }
            throw AwsErrors.translate(e, "budgets:ListTagsForResource", names.budgetArn());
        }
    }

    /** Who manages the budget; only meaningful when its ownership is verifiable. */
    public ManagedTags.Owner owner(ResourceNames names) {
        return ManagedTags.owner(tags, names);
    }

    /** How to delete it by hand, for a budget trainctl leaves because it cannot tell it is its own. */
    public static String deleteCommand(ResourceNames names) {
        return String.format("aws budgets delete-budget --account-id %s --budget-name %s", names.account(),
                names.budgetName());
    }
}
