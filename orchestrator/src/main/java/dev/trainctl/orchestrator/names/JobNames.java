package dev.trainctl.orchestrator.names;

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
    /** Tuning job names are at most 32 characters (CreateHyperParameterTuningJob), so their stamp is shorter. */
    public static final int MAX_TUNING_LENGTH = 32;
    private static final DateTimeFormatter TUNING_STAMP = DateTimeFormatter.ofPattern("yyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** {@code -} and the 13-character tuning stamp. */
    public static final int TUNING_SUFFIX_LENGTH = 14;
    private static final String TUNING_STAMP_WILDCARD = "??????-??????";
    /**
     * SageMaker names a tuning job's trials {@code TUNINGJOB-NNN-xxxxxxxx}: the trial number and eight hex digits
     * (for example {@code mldemo-dev-15853298627792-001-0f0444b1}).
     */
    private static final String TRIAL_WILDCARD = "-???-????????";
    public static final Pattern VALID_TUNING = Pattern.compile("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}$");

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

    /** A tuning job name {@code PREFIX-yyMMdd-HHmmss} (UTC); the prefix must leave room within 32 characters. */
    public static String generateTuning(String prefix, Instant now) {
        String name = prefix + "-" + TUNING_STAMP.format(now);
        return validateTuning(name);
    }

    /** The IAM pattern of {@link #generateTuning}'s names: {@code PREFIX-??????-??????}. */
    public static String tuningWildcard(String prefix) {
        return prefix + "-" + TUNING_STAMP_WILDCARD;
    }

    /** The IAM pattern of the trials of the tuning jobs {@link #tuningWildcard} matches. */
    public static String trialWildcard(String prefix) {
        return tuningWildcard(prefix) + TRIAL_WILDCARD;
    }

    /**
     * Whether {@code job} is one of the training jobs of {@code name} that the IAM patterns cover: a job trainctl
     * started ({@code NAME-yyyyMMdd-HHmmss-SSS}), a role-check job, or a trial of one of its tuning jobs.
     */
    public static boolean isOf(String name, String job) {
        String prefix = java.util.regex.Pattern.quote(name);
        return job.matches(prefix + "(-rolecheck)?-\\d{8}-\\d{6}-\\d{3}")
                || job.matches(prefix + "-\\d{6}-\\d{6}-\\d{3}-[0-9a-f]{8}");
    }

    /** Checks a tuning job name given by the user ({@code tune status NAME}). */
    public static String validateTuning(String name) {
        if (name.length() > MAX_TUNING_LENGTH || !VALID_TUNING.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid tuning job name: at most 32 letters,"
                    + " digits and hyphens, starting and ending with a letter or digit");
        }
        return name;
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
