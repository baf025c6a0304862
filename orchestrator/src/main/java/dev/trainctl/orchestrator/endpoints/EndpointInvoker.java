package dev.trainctl.orchestrator.endpoints;

import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.training.data.ImageSet;
import dev.trainctl.training.serving.ImageBatch;
import dev.trainctl.training.serving.Prediction;
import dev.trainctl.training.serving.PredictionsJson;
import dev.trainctl.training.train.Evaluation;
import java.util.List;
import java.util.function.IntConsumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;

/**
 * Calls an endpoint through SageMaker Runtime's {@code InvokeEndpoint}, a real one or the emulated one (the same
 * client pointed at the emulation's address): the images go as JSON, the predictions come back as JSON.
 */
public final class EndpointInvoker {

    /**
     * Images per invocation for {@code evaluate}: 100 28x28 images are about 240 KB of JSON, far inside the 4 MB
     * payload limit, and few enough that one invocation stays well within the 1-minute timeout.
     */
    public static final int BATCH = 100;

    private final SageMakerRuntimeClient runtime;

    public EndpointInvoker(SageMakerRuntimeClient runtime) {
        this.runtime = runtime;
    }

    /** The predictions for a batch of images, in order. */
    public List<Prediction> predict(String endpoint, ImageBatch batch) {
        InvokeEndpointRequest request = InvokeEndpointRequest.builder()
                .endpointName(endpoint)
                .contentType("application/json")
                .accept("application/json")
                .body(SdkBytes.fromByteArrayUnsafe(PredictionsJson.request(batch)))
                .build();
        byte[] body;
        try {
            body = runtime.invokeEndpoint(request).body().asByteArrayUnsafe();
        } catch (ModelErrorException e) {
            throw new TrainctlException(ExitCode.FAILURE, "endpoint " + endpoint + ": the model answered "
                    + e.originalStatusCode() + ": " + e.originalMessage(), e);
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "sagemaker:InvokeEndpoint", endpoint);
        }
        List<Prediction> predictions;
        try {
            predictions = PredictionsJson.parse(body);
        } catch (IllegalArgumentException e) {
            throw new TrainctlException(ExitCode.FAILURE, "endpoint " + endpoint + ": " + e.getMessage(), e);
        }
        if (predictions.size() != batch.count()) {
            throw new TrainctlException(ExitCode.FAILURE, "endpoint " + endpoint + " answered " + predictions.size()
                    + " predictions for " + batch.count() + " images");
        }
        return predictions;
    }

    /**
     * Scores the endpoint on a labelled set, {@link #BATCH} images per invocation: accuracy and confusion as
     * {@code evaluate} on the model computes them, the loss from the returned probabilities. {@code progress} hears
     * how many images are done after each invocation.
     */
    public Evaluation evaluate(String endpoint, ImageSet set, IntConsumer progress) {
        long[][] confusion = new long[ImageSet.CLASSES][ImageSet.CLASSES];
        int correct = 0;
        double lossSum = 0;
        for (int start = 0; start < set.count(); start += BATCH) {
            int end = Math.min(start + BATCH, set.count());
            List<Prediction> predictions = predict(endpoint, ImageBatch.of(set, start, end));
            for (int i = start; i < end; i++) {
                Prediction prediction = predictions.get(i - start);
                int label = set.label(i);
                confusion[label][prediction.digit()]++;
                correct += prediction.digit() == label ? 1 : 0;
                // Cross-entropy from the probability of the true class, floored as float32 softmax is.
                lossSum -= Math.log(Math.max(prediction.probabilities()[label], Float.MIN_NORMAL));
            }
            progress.accept(end);
        }
        return new Evaluation(set.count(), correct, lossSum / set.count(), confusion);
    }
}
