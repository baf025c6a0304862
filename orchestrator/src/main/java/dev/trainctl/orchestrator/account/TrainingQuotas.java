package dev.trainctl.orchestrator.account;

import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.ListAwsDefaultServiceQuotasRequest;
import software.amazon.awssdk.services.servicequotas.model.ListServiceQuotasRequest;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuota;

/**
 * Finds the Service Quotas entry that limits training jobs on one instance type. SageMaker names these quotas
 * "{@code TYPE for training job usage}" and "{@code TYPE for spot training job usage}"; the quota codes are looked up
 * by that name at run time rather than hard-coded. {@code ListServiceQuotas} lists applied values only (AWS: "If the
 * applied quota value is not available for a quota, the quota is not retrieved"), so the defaults are the fallback.
 */
public final class TrainingQuotas {

    /** Service Quotas' code for SageMaker. */
    public static final String SERVICE_CODE = "sagemaker";

    private final ServiceQuotasClient quotas;

    public TrainingQuotas(ServiceQuotasClient quotas) {
        this.quotas = quotas;
    }

    /** The quota's name for on-demand or managed spot training on this instance type. */
    public static String quotaName(String instanceType, boolean spot) {
        return instanceType + (spot ? " for spot training job usage" : " for training job usage");
    }

    /** The first request a lookup sends: what {@code --dry-run} shows. */
    public static ListServiceQuotasRequest request() {
        return ListServiceQuotasRequest.builder().serviceCode(SERVICE_CODE).build();
    }

    /**
     * The quota with this name in the client's region: the applied value, else AWS's default; empty when neither
     * lists it. SDK failures (access denied included) are thrown for the caller to judge.
     */
    public Optional<TrainingQuota> find(String quotaName) {
        Optional<TrainingQuota> applied = quotas.listServiceQuotasPaginator(request()).quotas().stream()
                .filter(q -> named(q, quotaName)).findFirst().map(q -> of(q, true));
        if (applied.isPresent()) {
            return applied;
        }
        return quotas.listAWSDefaultServiceQuotasPaginator(ListAwsDefaultServiceQuotasRequest.builder()
                        .serviceCode(SERVICE_CODE).build()).quotas().stream()
                .filter(q -> named(q, quotaName)).findFirst().map(q -> of(q, false));
    }

    private static boolean named(ServiceQuota quota, String name) {
        return quota.quotaName() != null && quota.quotaName().trim().toLowerCase(Locale.ROOT)
                .equals(name.toLowerCase(Locale.ROOT));
    }

    private static TrainingQuota of(ServiceQuota quota, boolean applied) {
        return new TrainingQuota(quota.quotaName(), quota.quotaCode(), quota.value() == null ? 0 : quota.value(),
                applied);
    }
}
