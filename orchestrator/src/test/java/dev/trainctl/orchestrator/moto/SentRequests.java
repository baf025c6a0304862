package dev.trainctl.orchestrator.moto;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Every request the trainctl commands under test give the AWS SDK, reads included (list, describe, get), recorded
 * as the SDK is about to marshal it. The SDK loads this for every client it builds in the test JVM
 * (software/amazon/awssdk/global/handlers/execution.interceptors); it records only while a suite has switched it on,
 * so other tests are not affected.
 */
public final class SentRequests implements ExecutionInterceptor {

    private static final List<SdkRequest> SENT = new ArrayList<>();
    private static boolean recording;

    static synchronized void start() {
        SENT.clear();
        recording = true;
    }

    static synchronized List<SdkRequest> stop() {
        recording = false;
        return List.copyOf(SENT);
    }

    static synchronized List<SdkRequest> sent() {
        return List.copyOf(SENT);
    }

    @Override
    public void beforeMarshalling(Context.BeforeMarshalling context, ExecutionAttributes attributes) {
        synchronized (SentRequests.class) {
            if (recording) {
                SENT.add(context.request());
            }
        }
    }
}
