package dev.trainctl.orchestrator.fakes;

import java.util.function.Supplier;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** STS that answers GetCallerIdentity with a fixed identity, or throws what it is told to. */
public final class FakeSts implements StsClient {

    public static final String ACCOUNT = "123456789012";

    public final Recorder recorder = new Recorder();
    private Supplier<GetCallerIdentityResponse> answer;

    public FakeSts(String arn) {
        answer = () -> GetCallerIdentityResponse.builder().account(arn.split(":")[4]).arn(arn).userId("AIDAEXAMPLE")
                .build();
    }

    public static FakeSts user() {
        return new FakeSts("arn:aws:iam::" + ACCOUNT + ":user/alice");
    }

    public FakeSts failingWith(RuntimeException e) {
        answer = () -> {
            throw e;
        };
        return this;
    }

    @Override
    public GetCallerIdentityResponse getCallerIdentity(GetCallerIdentityRequest request) {
        recorder.add(request);
        return answer.get();
    }

    @Override
    public String serviceName() {
        return "sts";
    }

    @Override
    public void close() {
    }
}
