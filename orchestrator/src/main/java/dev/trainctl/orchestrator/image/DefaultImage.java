package dev.trainctl.orchestrator.image;

import dev.trainctl.orchestrator.Trainctl;
import java.io.IOException;

/**
 * The training image trainctl uses when no {@code --image} is given: this build's, under the tag
 * {@code trainctl image push} gives it ({@code VERSION-CONTENTHASH}, and {@code VERSION-CONTENTHASH-gpu} for the
 * GPU image of {@code image push --gpu}). {@code train --on sagemaker} and {@code role check --live} both take it
 * from here, so they run the image that was pushed.
 */
public final class DefaultImage {

    private DefaultImage() {}

    /** {@code REPOSITORY_URI:TAG}, for a repository URI such as {@code ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME}. */
    public static String in(String repositoryUri) {
        return repositoryUri + ":" + Tag.VALUE;
    }

    /** The GPU image, {@code REPOSITORY_URI:TAG-gpu}: what a job on a GPU instance runs when no image is given. */
    public static String gpuIn(String repositoryUri) {
        return in(repositoryUri) + ImageContents.GPU_TAG_SUFFIX;
    }

    /** The tag, worked out once: hashing the image's jars takes a moment and the classpath does not change. */
    private static final class Tag {
        static final String VALUE = tag();

        private static String tag() {
            try {
                return ImageContents.discover(Trainctl.version()).tag();
            } catch (IOException e) {
                // Without the training classpath no image can be pushed either; the version is the best guess.
                return Trainctl.version();
            }
        }
    }
}
