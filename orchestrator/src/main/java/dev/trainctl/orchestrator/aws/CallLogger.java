package dev.trainctl.orchestrator.aws;

import dev.trainctl.orchestrator.cli.Console;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * {@code -v}: one stderr line per AWS call with the service, operation, HTTP status, time taken and request id.
 * It logs names only, never request or response bodies or headers, so no secret can end up in a log.
 */
public final class CallLogger implements ExecutionInterceptor {

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("trainctl.started");

    private final Console console;

    public CallLogger(Console console) {
        this.console = console;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
        console.verbose("aws: -> " + name(context.request()));
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        SdkHttpResponse response = context.httpResponse();
        console.verbose("aws: <- " + name(context.request()) + " " + response.statusCode() + " in " + millis(attributes)
                + " ms" + requestId(response).map(id -> " (request id " + id + ")").orElse(""));
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        String status = context.httpResponse().map(r -> String.valueOf(r.statusCode())).orElse("no response");
        console.verbose("aws: <- " + name(context.request()) + " failed (" + status + ") in " + millis(attributes) + " ms: "
                + context.exception().getClass().getSimpleName());
    }

    /** "iam CreateRole": the service as IAM actions spell it (the SDK's own name would be "Iam"). */
    private static String name(software.amazon.awssdk.core.SdkRequest request) {
        return AwsActions.service(request) + " " + AwsActions.operation(request);
    }

    private static long millis(ExecutionAttributes attributes) {
        Long started = attributes.getAttribute(STARTED);
        return started == null ? 0 : (System.nanoTime() - started) / 1_000_000;
    }

    private static Optional<String> requestId(SdkHttpResponse response) {
        return response.firstMatchingHeader("x-amzn-RequestId")
                .or(() -> response.firstMatchingHeader("x-amz-request-id"));
    }
}
