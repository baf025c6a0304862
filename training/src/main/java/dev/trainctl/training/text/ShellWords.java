package dev.trainctl.training.text;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Values written into a command that trainctl suggests ("continue with 'trainctl train ... --resume'"), quoted so
 * that pasting the command into a POSIX shell passes each value as the user gave it: a path holding {@code $(...)},
 * a backquote or {@code $HOME} is a plain word again, not code for the shell to run.
 */
public final class ShellWords {

    /** What a shell never interprets, so such a word is shown as it is. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private ShellWords() {}

    /** {@code value} as one shell word: itself when plain, else in single quotes (inside which nothing expands). */
    public static String quote(String value) {
        if (PLAIN.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** {@link #quote(String)} of a path as the user gave it. */
    public static String quote(Path path) {
        return quote(path.toString());
    }
}
