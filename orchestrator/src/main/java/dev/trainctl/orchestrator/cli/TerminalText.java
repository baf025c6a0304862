package dev.trainctl.orchestrator.cli;

/**
 * Text from outside trainctl (CloudWatch log events, S3 keys, tags, names and messages read from AWS, a container's
 * output) made safe to print: every control character but the tab is written as a visible escape, so a log line
 * cannot change the terminal's title (OSC), move the cursor (CSI), overwrite a line ({@code \r}) or forge a line of
 * its own ({@code \n}). C0 and C1 controls, DEL, the Unicode line and paragraph separators and the bidirectional
 * overrides (which reorder what a reader sees) are all escaped: {@code \x1b}, {@code \n}, {@code \u202e}.
 */
public final class TerminalText {

    private TerminalText() {}

    /** One line of outside text: nothing in it can act on the terminal or start a new line. */
    public static String escape(String text) {
        return escape(text, false);
    }

    /**
     * Text trainctl composed that may span lines on purpose (a table, a message with a hint on its own line): the
     * same escaping, except that {@code \n} stays a line break. {@link Console} applies it to everything it prints,
     * so an escape sequence that reached a message unescaped still never reaches the terminal.
     */
    public static String escapeKeepingLines(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean keepLines) {
        if (text == null) {
            return null;
        }
        StringBuilder safe = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean unsafe = c != '\t' && !(keepLines && c == '\n') && isControl(c);
            if (unsafe && safe == null) {
                safe = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (safe != null) {
                if (unsafe) {
                    safe.append(visible(c));
                } else {
                    safe.append(c);
                }
            }
        }
        return safe == null ? text : safe.toString();
    }

    private static boolean isControl(char c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029'
                || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069' || c == '\u200e' || c == '\u200f'
                || c == '\u061c';
    }

    private static String visible(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            default -> c <= 0xff ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c);
        };
    }
}
