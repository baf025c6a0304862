package dev.trainctl.orchestrator.fidelity;

import dev.trainctl.orchestrator.aws.AwsActions;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Collects every {@link SdkRequest} a command gives the AWS SDK, for {@link ApiModel} to validate. Two ways in:
 * {@link #wrap} puts a recording layer in front of any client (a test's fake), and as an {@link ExecutionInterceptor}
 * on a real client it records each request as the SDK is about to marshal it.
 */
public final class RequestCapture implements ExecutionInterceptor {

    private final List<SdkRequest> requests = new ArrayList<>();
    /** How many recorded calls this thread is inside: a call made from within one is the same request. */
    private final ThreadLocal<Integer> recording = ThreadLocal.withInitial(() -> 0);

    /**
     * A client of the same interface that records each request, then lets {@code client} answer. The interface's
     * own convenience code (consumer-builder overloads, paginators) runs against the recording client, so the request
     * it builds, and every page a paginator asks for, is recorded once.
     */
    public <C extends SdkClient> C wrap(Class<C> type, C client) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(client, args);
            }
            // One record per request: an overload that builds or adapts the request (getObject(request, path)) calls
            // the operation through this proxy again; a paginator's pages are recorded as it asks for them.
            boolean record = !method.getName().endsWith("Paginator") && recording.get() == 0;
            SdkRequest request = args == null ? null : java.util.Arrays.stream(args)
                    .filter(SdkRequest.class::isInstance).map(SdkRequest.class::cast).findFirst().orElse(null);
            if (record && request != null) {
                add(request);
            }
            recording.set(recording.get() + (request != null ? 1 : 0));
            try {
                boolean overridden = !client.getClass().getMethod(method.getName(), method.getParameterTypes())
                        .getDeclaringClass().isInterface();
                return !overridden && method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, args)
                        : method.invoke(client, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                recording.set(recording.get() - (request != null ? 1 : 0));
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    @Override
    public void beforeMarshalling(Context.BeforeMarshalling context, ExecutionAttributes attributes) {
        add(context.request());
    }

    /**
     * Records what every real SDK client of this test JVM is given until the returned handle is closed: for code
     * that builds its own clients (the emulation's S3 client, a run against moto).
     * <pre>{@code
     * try (RequestCapture.Active active = RequestCapture.everyClient()) {
     *     ... run the command ...
     *     model.validate(active.capture().requests())
     * }
     * }</pre>
     */
    public static Active everyClient() {
        RequestCapture capture = new RequestCapture();
        if (!EveryClient.ACTIVE.compareAndSet(null, capture)) {
            throw new IllegalStateException("another capture of every client is active");
        }
        return new Active(capture);
    }

    /** A capture of every client, active until closed. */
    public record Active(RequestCapture capture) implements AutoCloseable {
        @Override
        public void close() {
            EveryClient.ACTIVE.compareAndSet(capture, null);
        }
    }

    /**
     * The SDK adds this interceptor to every client it builds in the tests (it is named in the test resources'
     * {@code software/amazon/awssdk/global/handlers/execution.interceptors}); it records nothing unless
     * {@link #everyClient()} is active.
     */
    public static final class EveryClient implements ExecutionInterceptor {
        static final java.util.concurrent.atomic.AtomicReference<RequestCapture> ACTIVE =
                new java.util.concurrent.atomic.AtomicReference<>();

        @Override
        public void beforeMarshalling(Context.BeforeMarshalling context, ExecutionAttributes attributes) {
            RequestCapture capture = ACTIVE.get();
            if (capture != null) {
                capture.add(context.request());
            }
        }
    }

    public synchronized void add(SdkRequest request) {
        requests.add(request);
    }

    public synchronized List<SdkRequest> requests() {
        return List.copyOf(requests);
    }

    public synchronized void clear() {
        requests.clear();
    }

    /** The service as the SDK's package (and botocore, through its aliases) names it. */
    public static String service(SdkRequest request) {
        return AwsActions.service(request);
    }

    public static String operation(SdkRequest request) {
        return AwsActions.operation(request);
    }
}
