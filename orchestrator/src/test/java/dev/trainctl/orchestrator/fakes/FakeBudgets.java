package dev.trainctl.orchestrator.fakes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.CreateBudgetRequest;
import software.amazon.awssdk.services.budgets.model.CreateBudgetResponse;
import software.amazon.awssdk.services.budgets.model.DeleteBudgetRequest;
import software.amazon.awssdk.services.budgets.model.DeleteBudgetResponse;
import software.amazon.awssdk.services.budgets.model.DescribeBudgetRequest;
import software.amazon.awssdk.services.budgets.model.DescribeBudgetResponse;
import software.amazon.awssdk.services.budgets.model.DescribeBudgetsRequest;
import software.amazon.awssdk.services.budgets.model.DescribeBudgetsResponse;
import software.amazon.awssdk.services.budgets.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.budgets.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.budgets.model.NotFoundException;
import software.amazon.awssdk.services.budgets.model.ResourceTag;
import software.amazon.awssdk.services.budgets.model.UpdateBudgetRequest;
import software.amazon.awssdk.services.budgets.model.UpdateBudgetResponse;

/**
 * In-memory AWS Budgets for one account: budgets by name with their tags. As the real service, DescribeBudgets
 * answers NotFoundException when there is no budget at all, and DescribeBudget when the name is unknown.
 */
public final class FakeBudgets implements BudgetsClient {

    public final Answers answers = new Answers();
    public final Map<String, Budget> budgets = new LinkedHashMap<>();
    public final Map<String, List<ResourceTag>> tags = new LinkedHashMap<>();

    @Override
    public DescribeBudgetsResponse describeBudgets(DescribeBudgetsRequest request) {
        answers.received(request);
        if (budgets.isEmpty()) {
            throw notFound("Failed to describe budgets since no budgets exist for account " + request.accountId());
        }
        return DescribeBudgetsResponse.builder().budgets(new ArrayList<>(budgets.values())).build();
    }

    @Override
    public DescribeBudgetResponse describeBudget(DescribeBudgetRequest request) {
        answers.received(request);
        Budget budget = budgets.get(request.budgetName());
        if (budget == null) {
            throw notFound("Unable to get budget: " + request.budgetName() + " - the budget doesn't exist.");
        }
        return DescribeBudgetResponse.builder().budget(budget).build();
    }

    @Override
    public CreateBudgetResponse createBudget(CreateBudgetRequest request) {
        answers.received(request);
        budgets.put(request.budget().budgetName(), request.budget());
        tags.put(arn(request.accountId(), request.budget().budgetName()), request.resourceTags());
        return CreateBudgetResponse.builder().build();
    }

    @Override
    public UpdateBudgetResponse updateBudget(UpdateBudgetRequest request) {
        answers.received(request);
        budgets.put(request.newBudget().budgetName(), request.newBudget());
        return UpdateBudgetResponse.builder().build();
    }

    @Override
    public DeleteBudgetResponse deleteBudget(DeleteBudgetRequest request) {
        answers.received(request);
        if (budgets.remove(request.budgetName()) == null) {
            throw notFound("Unable to delete budget: " + request.budgetName());
        }
        tags.remove(arn(request.accountId(), request.budgetName()));
        return DeleteBudgetResponse.builder().build();
    }

    @Override
    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
        answers.received(request);
        return ListTagsForResourceResponse.builder().resourceTags(tags.getOrDefault(request.resourceARN(), List.of()))
                .build();
    }

    public static String arn(String account, String name) {
        return "arn:aws:budgets::" + account + ":budget/" + name;
    }

    private static NotFoundException notFound(String message) {
        return (NotFoundException) NotFoundException.builder().message(message).statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("NotFoundException").errorMessage(message).build())
                .build();
    }

    @Override
    public String serviceName() {
        return "budgets";
    }

    @Override
    public void close() {
    }
}
