package dev.trainctl.orchestrator.rolecheck;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** A recording fake STS that answers GetCallerIdentity with one ARN. */
final class FakeSts implements StsClient {

    final List<GetCallerIdentityRequest> requests = new ArrayList<>();
    private final String arn;

    FakeSts(String arn) {
        this.arn = arn;
    }

    @Override
    public GetCallerIdentityResponse getCallerIdentity(GetCallerIdentityRequest request) {
        requests.add(request);
        return GetCallerIdentityResponse.builder().arn(arn).account(arn.split(":")[4]).userId("AIDAEXAMPLE").build();
    }

    @Override
    public String serviceName() {
        return "sts";
    }

    @Override
    public void close() {}
}
