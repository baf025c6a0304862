package dev.trainctl.training.sagemaker;

import dev.trainctl.training.serving.ServingEntryPoint;

/**
 * The image's entry point: SageMaker starts a training container with the argument {@code train} and an inference
 * container with {@code serve}; the same image does both.
 */
public final class ContainerEntryPoint {

    private ContainerEntryPoint() {}

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("serve")) {
            int code = ServingEntryPoint.serve(System.getenv());
            System.out.flush();
            if (code != 0) {
                // Not after SIGTERM (code 0): the JVM is already shutting down, and exit would block.
                System.exit(code);
            }
            return;
        }
        // 'train', and anything else, which the training entry point refuses with its usage line.
        TrainingEntryPoint.main(args);
    }
}
