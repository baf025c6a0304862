package dev.trainctl.orchestrator.provision;

import dev.trainctl.orchestrator.aws.Change;
import dev.trainctl.orchestrator.aws.ChangeExecutor;
import dev.trainctl.orchestrator.aws.RoleReadiness;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Plans (read-only calls) and then applies (mutating calls) the role, bucket and repository. */
public final class Provisioner {

    private final RolePlanner role;
    private final BucketPlanner bucket;
    private final RepositoryPlanner repository;
    private final BudgetPlanner budget;
    private final ChangeExecutor executor;

    public Provisioner(IamClient iam, S3Client s3, EcrClient ecr, RoleReadiness readiness) {
        this(iam, s3, ecr, readiness, null);
    }

    /** With the Budgets client for {@code --budget} (null when no budget is asked for or nothing may be read). */
    public Provisioner(IamClient iam, S3Client s3, EcrClient ecr, RoleReadiness readiness, BudgetsClient budgets) {
        this.role = new RolePlanner(iam);
        this.bucket = new BucketPlanner(s3);
        this.repository = new RepositoryPlanner(ecr);
        this.budget = new BudgetPlanner(budgets);
        this.executor = new ChangeExecutor(iam, s3, ecr, readiness, budgets);
    }

    /** The plan; with {@code offline} nothing is read and everything is planned as new. */
    public ProvisionPlan plan(ProvisionSettings settings, boolean offline) {
        return ProvisionPlan.of(settings.names(), List.of(role.plan(settings, offline), bucket.plan(settings, offline),
                repository.plan(settings, offline)));
    }

    /** The plan with the cost budget too, when {@code --budget} asked for one. */
    public ProvisionPlan plan(ProvisionSettings settings, boolean offline, Optional<CostBudget> costBudget) {
        ProvisionPlan plan = plan(settings, offline);
        if (costBudget.isEmpty()) {
            return plan;
        }
        PlanPart part = budget.plan(costBudget.get(), offline);
        List<Change> changes = new ArrayList<>(plan.changes());
        changes.addAll(part.changes());
        List<String> notes = new ArrayList<>(plan.notes());
        notes.addAll(part.notes());
        return new ProvisionPlan(plan.names(), changes, notes);
    }

    public ChangeExecutor.Outcome apply(ProvisionPlan plan, Consumer<Change> progress) throws InterruptedException {
        return executor.execute(plan.changes(), progress);
    }
}
