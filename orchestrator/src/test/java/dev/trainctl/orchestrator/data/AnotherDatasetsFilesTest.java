package dev.trainctl.orchestrator.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainctl.training.data.DataFile;
import dev.trainctl.training.data.DataFileException;
import dev.trainctl.training.data.Dataset;
import dev.trainctl.training.data.DatasetStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A --data-dir that holds a good copy of another data set (MNIST's files given for Fashion-MNIST) is refused as
 * such, and its files are left where they are: they are not corrupt, and not trainctl's to move aside.
 */
class AnotherDatasetsFilesTest {

    @TempDir
    Path temp;

    @Test
    void mnistsFilesGivenForFashionMnistAreNamedAndLeftAlone() throws Exception {
        DatasetStore mnist = DatasetStore.withDefaultSources(Dataset.MNIST, DatasetStore.defaultDirectory(Dataset.MNIST),
                line -> { });
        mnist.ensure(false);
        DataFile labels = Dataset.MNIST.files().testLabels();
        Path given = Files.createDirectories(temp.resolve("data"));
        Files.copy(mnist.locate(labels), given.resolve(mnist.locate(labels).getFileName()));
        Path copied = given.resolve(mnist.locate(labels).getFileName());
        byte[] before = Files.readAllBytes(copied);

        DatasetStore fashion = DatasetStore.withDefaultSources(Dataset.FASHION_MNIST, given, line -> { });

        assertThatThrownBy(() -> fashion.ensure(false)).isInstanceOf(DataFileException.class)
                .hasMessageStartingWith("t10k-labels-idx1-ubyte in " + given + " is mnist's t10k-labels-idx1-ubyte, not"
                        + " fashion-mnist's (the directory holds another data set): pass the --dataset it holds")
                .hasMessageEndingWith("nothing was moved");
        assertThat(Files.readAllBytes(copied)).isEqualTo(before);
        try (var left = Files.list(given)) {
            assertThat(left.map(path -> path.getFileName().toString())).containsExactly(copied.getFileName()
                    .toString());
        }
    }
}
