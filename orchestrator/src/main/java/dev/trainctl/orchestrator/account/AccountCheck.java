package dev.trainctl.orchestrator.account;

import dev.trainctl.orchestrator.aws.CallerIdentity;
import dev.trainctl.orchestrator.jobs.PriceQuote;
import dev.trainctl.orchestrator.rolecheck.CheckResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;

/**
 * The checks of {@code trainctl account check}, in the order the tutorial teaches them: who am I, the root user,
 * my MFA, the audit trail, the cost guard, the training quota, the region. Every call is a read.
 */
public final class AccountCheck {

    /** The clients the checks read with; IAM is global, Budgets and billing metrics live in us-east-1. */
    public record Clients(IamClient iam, CloudTrailClient cloudTrail, BudgetsClient budgets,
            CloudWatchClient billingMetrics, ServiceQuotasClient serviceQuotas) {}

    private final Clients clients;
    private final Instant now;

    public AccountCheck(Clients clients, Instant now) {
        this.clients = clients;
        this.now = now;
    }

    public AccountReport run(CallerIdentity caller, Region region, String instanceType, boolean endpointOverride,
            PriceQuote price) {
        List<CheckResult> rows = new ArrayList<>();
        List<CheckResult> identity = new IdentityRows(clients.iam(), now).rows(caller);
        rows.add(identity.get(0));
        rows.addAll(new RootAccountRows(clients.iam()).rows());
        rows.addAll(identity.subList(1, identity.size()));
        rows.add(new AuditTrailRow(clients.cloudTrail()).row(region.id()));
        rows.add(new CostGuardRow(clients.budgets(), clients.billingMetrics()).row(caller.account()));
        rows.add(new QuotaRow(clients.serviceQuotas()).row(instanceType, region.id()));
        rows.addAll(RegionRows.rows(region, endpointOverride, price));
        return new AccountReport(caller.account(), caller.arn(), region.id(), instanceType, rows);
    }
}
