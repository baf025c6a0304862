package dev.trainctl.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** A failure nobody planned for still reads as words: the file and what is wrong, no Java class names. */
class UnexpectedFailureMessageTest {

    @Test
    void aWrappedPermissionErrorNamesTheFileAndTheWayOut() {
        // What jib threw when another user owned its layer cache in /tmp (found on a fresh account).
        String message = CommandLineInterface.unexpected(new ExecutionException(
                new AccessDeniedException("/tmp/jib-core-application-layers-cache/tmp/28021985")));

        assertThat(message).startsWith("permission denied: /tmp/jib-core-application-layers-cache/tmp/28021985")
                .contains("another user may own it").doesNotContain("Exception");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThat(CommandLineInterface.unexpected(new UncheckedIOException(new NoSuchFileException("/x/y"))))
                .isEqualTo("no such file or directory: /x/y");
    }

    @Test
    void otherFailuresLoseTheirClassNamesButKeepTheirWords() {
        String message = CommandLineInterface.unexpected(new IllegalStateException(
                "java.io.IOException: stream closed"));

        assertThat(message).isEqualTo("unexpected failure: stream closed (run with -v for the stack trace)");
    }

    @Test
    void withVerboseTheStackTraceFollowsSoItIsNotAskedFor() {
        assertThat(CommandLineInterface.unexpected(new IllegalStateException("stream closed"), true))
                .isEqualTo("unexpected failure: stream closed");
    }

    @Test
    void aFullDiskNamesTheFileWhenItIsKnownAndSaysWhatToDo() {
        assertThat(CommandLineInterface.unexpected(new java.nio.file.FileSystemException("/data/model/weights.npz",
                null, "No space left on device"))).isEqualTo("/data/model/weights.npz: No space left on device");
        assertThat(CommandLineInterface.unexpected(new java.io.IOException("No space left on device"), true))
                .isEqualTo("the disk is full (No space left on device): free some space, or write elsewhere"
                        + " (--model-dir, --checkpoint-dir, --out, TMPDIR)");
    }
}
