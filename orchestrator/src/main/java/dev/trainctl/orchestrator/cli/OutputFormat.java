package dev.trainctl.orchestrator.cli;

import java.util.Locale;

/** {@code --output text} for people, {@code --output json} for scripts: one JSON document on stdout. */
public enum OutputFormat {
    TEXT,
    JSON;

    public static OutputFormat parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw TrainctlException.usage("--output must be text or json, got '" + value + "'");
        };
    }
}
