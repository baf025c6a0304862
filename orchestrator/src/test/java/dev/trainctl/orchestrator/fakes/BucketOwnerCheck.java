package dev.trainctl.orchestrator.fakes;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Records every S3 request that does not send {@code ExpectedBucketOwner}. S3 refuses a request whose bucket belongs
 * to another account only when the header is sent; S3Proxy ignores it, so this interceptor is what proves it is sent.
 */
public final class BucketOwnerCheck implements ExecutionInterceptor {

    /** Operations that take no ExpectedBucketOwner (the bucket has no owner yet, or there is no bucket). */
    private static final Set<String> WITHOUT_OWNER = Set.of("CreateBucketRequest", "ListBucketsRequest");

    private final List<String> missing = new CopyOnWriteArrayList<>();
    private final List<String> sent = new CopyOnWriteArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        String operation = request.getClass().getSimpleName();
        if (WITHOUT_OWNER.contains(operation)) {
            return;
        }
        sent.add(operation);
        if (request.getValueForField("ExpectedBucketOwner", String.class).isEmpty()) {
            missing.add(operation);
        }
    }

    /** The requests sent without an expected owner, by operation. */
    public List<String> missing() {
        return List.copyOf(missing);
    }

    /** Every request checked, by operation (so a test can see the check saw something). */
    public List<String> sent() {
        return List.copyOf(sent);
    }
}
