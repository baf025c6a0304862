package dev.trainctl.orchestrator.cli;

import java.util.regex.Pattern;

/**
 * How a number is typed on trainctl's command line: ASCII digits only, as a user means them. Java's parsers also
 * take other scripts' digits ({@code ١}), hexadecimal floats ({@code 0x1p-3}) and a type suffix ({@code 0.1d}), which
 * would silently become values nobody typed.
 */
public final class NumberText {

    /** {@code 12}, {@code -3}. */
    public static final Pattern WHOLE = Pattern.compile("[+-]?[0-9]+");
    /** {@code 0.001}, {@code 1e-3}, {@code .5}, {@code 2}. */
    public static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    private NumberText() {}
}
