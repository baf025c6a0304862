package dev.trainctl.orchestrator.account;

import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.rolecheck.CheckResult;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;

/** Check 6: may a training job start on the instance type, by its Service Quotas value in the region? */
final class QuotaRow {

    static final String CHECK = "quota.training";

    private final ServiceQuotasClient quotas;

    QuotaRow(ServiceQuotasClient quotas) {
        this.quotas = quotas;
    }

    CheckResult row(String instanceType, String region) {
        String name = TrainingQuotas.quotaName(instanceType, false);
        Optional<TrainingQuota> quota;
        try {
            quota = new TrainingQuotas(quotas).find(name);
        } catch (SdkException e) {
            return Unreadable.row(CHECK, "the quota '" + name + "'", "servicequotas:ListServiceQuotas", region, e);
        }
        if (quota.isEmpty()) {
            return CheckResult.warn(CHECK, "Service Quotas lists no quota named '" + name + "' in " + region,
                    "check that SageMaker offers " + instanceType + " for training in " + region + ", or pick another "
                            + "--instance-type");
        }
        if (quota.get().exhausted()) {
            return CheckResult.fail(CHECK, quota.get().describe() + " in " + region + ": a training job on "
                    + instanceType + " cannot start", AwsErrors.quotaIncreaseHint(quota.get().name(),
                            quota.get().code(), region, TrainingQuotas.SERVICE_CODE));
        }
        return CheckResult.pass(CHECK, quota.get().describe() + " in " + region);
    }
}
