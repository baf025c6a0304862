package dev.trainctl.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TerminalTextTest {

    /** OSC 0: sets the terminal window's title; BEL ends it. */
    static final String TITLE_CHANGE = "\u001b]0;you have been pwned\u0007";
    /** CSI: two lines up, erase the line. */
    static final String CURSOR_UP = "\u001b[2A\u001b[2K";
    static final String FORGED_LINE = "epoch 1\ntrainctl: job completed";

    @Test
    void anOscTitleChangeIsShownNotObeyed() {
        assertThat(TerminalText.escape("loss 0.3" + TITLE_CHANGE)).isEqualTo("loss 0.3\\x1b]0;you have been pwned\\x07");
    }

    @Test
    void cursorMovementIsShownNotObeyed() {
        assertThat(TerminalText.escape(CURSOR_UP + "ok")).isEqualTo("\\x1b[2A\\x1b[2Kok");
        assertThat(TerminalText.escape("\u009b2A")).as("the 8-bit CSI").isEqualTo("\\x9b2A");
        assertThat(TerminalText.escape("100%\rdone")).isEqualTo("100%\\rdone");
    }

    @Test
    void aNewlineCannotForgeALineButATabStays() {
        assertThat(TerminalText.escape(FORGED_LINE)).isEqualTo("epoch 1\\ntrainctl: job completed");
        assertThat(TerminalText.escape("a\tb")).isEqualTo("a\tb");
        assertThat(TerminalText.escape("a\u2028b\u0085c")).isEqualTo("a\\u2028b\\x85c");
    }

    @Test
    void bidirectionalOverridesThatReorderWhatIsReadAreShown() {
        assertThat(TerminalText.escape("evil\u202egnp.exe")).isEqualTo("evil\\u202egnp.exe");
    }

    @Test
    void ordinaryTextIsTheSameString() {
        String text = "s3://bucket/trainctl-mnist/output/model.tar.gz — 97.5 % ü 汉字 \\x1b";
        assertThat(TerminalText.escape(text)).isSameAs(text);
    }

    @Test
    void theConsoleNeverLetsAControlCharacterThroughEvenFromAnUnescapedMessage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), OutputFormat.TEXT, true);

        console.say("table\nrow" + TITLE_CHANGE);
        console.warn(CURSOR_UP + "warning");
        console.verbose("\rverbose");

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("table\nrow\\x1b]0;you have been pwned\\x07\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("\\x1b[2A\\x1b[2Kwarning\n\\rverbose\n");
    }
}
