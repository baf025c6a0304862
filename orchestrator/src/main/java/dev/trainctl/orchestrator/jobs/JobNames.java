package dev.trainctl.orchestrator.jobs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Training job names: {@code PREFIX-yyyyMMdd-HHmmss-SSS} (UTC), unique per millisecond, and always valid for
 * SageMaker, whose rule is at most 63 characters matching {@code ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}}.
 */
public final class JobNames {

    public static final int MAX_LENGTH = 63;
    public static final Pattern VALID = Pattern.compile("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** {@code -} and the 19-character stamp. */
    public static final int SUFFIX_LENGTH = 20;
    /**
     * The stamp as an IAM wildcard: one {@code ?} per character (IAM's {@code ?} matches exactly one), so the pattern
     * matches names of exactly this length and no longer ones such as another name's {@code NAME-gpu-...}.
     */
    private static final String STAMP_WILDCARD = "????????-??????-???";

    private JobNames() {}

    /**
     * A new job name from {@code prefix} (any text: characters SageMaker refuses become hyphens, and it is cut
     * short so the whole name fits) and the time.
     */
    public static String generate(String prefix, Instant now) {
        String clean = prefix.replaceAll("[^a-zA-Z0-9-]+", "-").replaceAll("^-+|-+$", "");
        if (clean.isEmpty()) {
            clean = "trainctl";
        }
        if (clean.length() > MAX_LENGTH - SUFFIX_LENGTH) {
            clean = clean.substring(0, MAX_LENGTH - SUFFIX_LENGTH).replaceAll("-+$", "");
        }
        String name = clean + "-" + STAMP.format(now);
        validate(name);
        return name;
    }

    /**
     * The IAM pattern that matches exactly the names {@link #generate} makes for a clean prefix (letters, digits,
     * single hyphens, short enough not to be cut): {@code PREFIX-????????-??????-???}.
     */
    public static String wildcard(String prefix) {
        return prefix + "-" + STAMP_WILDCARD;
    }

    /** Checks a name given by the user ({@code jobs status NAME}, {@code --job-name}). */
    public static String validate(String name) {
        if (name.length() > MAX_LENGTH || !VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid training job name: at most 63 letters,"
                    + " digits and hyphens, starting and ending with a letter or digit");
        }
        return name;
    }
}
