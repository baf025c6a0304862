package dev.trainctl.training.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A suggested command, pasted into a real shell, passes each value as it was and runs nothing hidden in it. */
class ShellWordsTest {

    @TempDir
    Path temp;

    @Test
    void plainWordsStayAsTheyAre() {
        assertThat(ShellWords.quote("trainctl-output/model")).isEqualTo("trainctl-output/model");
        assertThat(ShellWords.quote("s3://bucket/a=b,c@d%e+f:g")).isEqualTo("s3://bucket/a=b,c@d%e+f:g");
    }

    @Test
    void everyOtherValueIsOneWordToAShellAndRunsNothing() throws Exception {
        List<String> hostile = List.of("m$(touch PWNED)`touch PWNED2`", "c $HOME", "it's", "'", "", "a\"b\\c",
                "semi;colon && echo x | cat > out", "glob *?[a]", "new\nline", "~user", "#comment", "!history");
        for (String value : hostile) {
            Process shell = new ProcessBuilder("sh", "-c", "printf '%s' " + ShellWords.quote(value))
                    .directory(temp.toFile()).redirectErrorStream(true).start();
            String echoed = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(shell.waitFor()).as(value).isZero();
            assertThat(echoed).as(value).isEqualTo(value);
        }
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void aPathIsQuotedAsItsText() throws IOException {
        assertThat(ShellWords.quote(Path.of("my models/run 1"))).isEqualTo("'my models/run 1'");
    }
}
