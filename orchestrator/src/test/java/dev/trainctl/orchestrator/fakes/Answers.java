package dev.trainctl.orchestrator.fakes;

import dev.trainctl.orchestrator.aws.AwsActions;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkRequest;

/** What the account fakes share: every request is recorded, and an operation can be made to fail (AccessDenied). */
public final class Answers {

    public final Recorder recorder = new Recorder();
    private final Map<String, RuntimeException> failures = new HashMap<>();

    /** The operation (e.g. "DescribeTrails") answers AccessDenied naming its IAM action. */
    public void deny(String operation, String action) {
        failures.put(operation, AwsFaults.accessDenied(action));
    }

    public void fail(String operation, RuntimeException e) {
        failures.put(operation, e);
    }

    /** Records the request, then throws what its operation was told to. */
    public void received(SdkRequest request) {
        recorder.add(request);
        RuntimeException failure = failures.get(AwsActions.operation(request));
        if (failure != null) {
            throw failure;
        }
    }
}
