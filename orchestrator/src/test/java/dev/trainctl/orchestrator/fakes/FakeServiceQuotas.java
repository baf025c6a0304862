package dev.trainctl.orchestrator.fakes;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.ListAwsDefaultServiceQuotasRequest;
import software.amazon.awssdk.services.servicequotas.model.ListAwsDefaultServiceQuotasResponse;
import software.amazon.awssdk.services.servicequotas.model.ListServiceQuotasRequest;
import software.amazon.awssdk.services.servicequotas.model.ListServiceQuotasResponse;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuota;

/**
 * Service Quotas for SageMaker: applied values (what ListServiceQuotas returns) and AWS's defaults, each served one
 * quota per page so the paginators are exercised. The quota codes here are made up for the tests (L-TEST...).
 */
public final class FakeServiceQuotas implements ServiceQuotasClient {

    public final Answers answers = new Answers();
    public final List<ServiceQuota> applied = new ArrayList<>();
    public final List<ServiceQuota> defaults = new ArrayList<>();

    public static ServiceQuota quota(String name, String code, double value) {
        return ServiceQuota.builder().serviceCode("sagemaker").quotaName(name).quotaCode(code).value(value)
                .adjustable(true).build();
    }

    /** The default training quotas an account starts with, plus an unrelated one. */
    public FakeServiceQuotas withDefaults(double t3Medium) {
        defaults.add(quota("ml.m5.large for endpoint usage", "L-TEST0001", 4));
        defaults.add(quota("ml.t3.medium for training job usage", "L-TEST0002", t3Medium));
        defaults.add(quota("ml.p3.2xlarge for training job usage", "L-TEST0003", 0));
        defaults.add(quota("ml.t3.medium for spot training job usage", "L-TEST0004", t3Medium));
        return this;
    }

    @Override
    public ListServiceQuotasResponse listServiceQuotas(ListServiceQuotasRequest request) {
        answers.received(request);
        Page page = Page.of(applied, request.nextToken());
        return ListServiceQuotasResponse.builder().quotas(page.quotas()).nextToken(page.next()).build();
    }

    @Override
    public ListAwsDefaultServiceQuotasResponse listAWSDefaultServiceQuotas(ListAwsDefaultServiceQuotasRequest request) {
        answers.received(request);
        Page page = Page.of(defaults, request.nextToken());
        return ListAwsDefaultServiceQuotasResponse.builder().quotas(page.quotas()).nextToken(page.next()).build();
    }

    /** One quota per page; the token is the next index. */
    private record Page(List<ServiceQuota> quotas, String next) {
        static Page of(List<ServiceQuota> all, String token) {
            int index = token == null ? 0 : Integer.parseInt(token);
            return new Page(index < all.size() ? List.of(all.get(index)) : List.of(),
                    index + 1 < all.size() ? String.valueOf(index + 1) : null);
        }
    }

    @Override
    public String serviceName() {
        return "servicequotas";
    }

    @Override
    public void close() {
    }
}
