package dev.trainctl.orchestrator.cli;

import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * Finds the command named by the leading words, parses its options together with the global ones, runs it, and
 * turns every failure into one line on stderr and an exit code. The only place that catches everything.
 */
public final class CommandLineInterface {

    /** The argument names of options that take a path: DIR, FILE, DIR|S3_URI, ROLE_ARN=FILE. */
    private static final java.util.regex.Pattern PATH_ARGUMENT = java.util.regex.Pattern.compile("\\b(DIR|FILE)\\b");

    private final String version;
    private final List<Command> commands;
    private final Map<String, Function<String, Optional<String>>> valueProblems;
    private final PrintStream out;
    private final PrintStream err;

    public CommandLineInterface(String version, List<Command> commands, PrintStream out, PrintStream err) {
        this(version, commands, Map.of(), out, err);
    }

    /**
     * @param valueProblems for an option, why a value is refused before any command runs (e.g. a bucket name S3
     *     refuses), whichever command takes it
     */
    public CommandLineInterface(String version, List<Command> commands,
            Map<String, Function<String, Optional<String>>> valueProblems, PrintStream out, PrintStream err) {
        this.valueProblems = Map.copyOf(valueProblems);
        this.version = version;
        this.commands = commands.stream().sorted(Comparator.comparing(c -> String.join(" ", c.path()))).toList();
        this.out = out;
        this.err = err;
    }

    public int run(String[] args) {
        boolean verbose = false;
        Command command = null;
        try {
            CommandLine leading = new DefaultParser().parse(globalOptions(true), args, true);
            verbose = leading.hasOption("verbose");
            List<String> rest = leading.getArgList();
            int words = 0;
            command = match(rest);
            if (command == null) {
                return topLevel(leading, rest);
            }
            words = command.path().size();
            List<String> commandArgs = rest.subList(words, rest.size());
            // Before parsing, so that help works even when a required option is missing.
            if (leading.hasOption("help") || commandArgs.stream().anyMatch(CommandLineInterface::isHelp)) {
                out.print(usage(command));
                return ExitCode.OK.code();
            }
            Options options = withGlobals(command.options());
            CommandLine parsed = new DefaultParser().parse(options, commandArgs.toArray(String[]::new));
            verbose |= parsed.hasOption("verbose");
            checkNothingIsDropped(command, leading, parsed);
            GlobalOptions global = globals(leading, parsed);
            Console console = new Console(out, err, global.output(), global.verbose());
            return command.run(new Invocation(parsed, global, console)).code();
        } catch (ParseException e) {
            return usageError(command, e.getMessage());
        } catch (TrainctlException e) {
            if (e.pointsToHelp()) {
                return usageError(command, e.getMessage());
            }
            return fail(e.exitCode(), e.getMessage(), e, verbose);
        } catch (IllegalArgumentException e) {
            return usageError(command, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(ExitCode.INTERRUPTED, "interrupted", e, verbose);
        } catch (Exception e) {
            return fail(ExitCode.FAILURE, unexpected(e, verbose), e, verbose);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // A last resort: inputs are bounded where they are read, so this is a case nobody foresaw.
            boolean memory = e instanceof OutOfMemoryError;
            return fail(ExitCode.FAILURE, "ran out of " + (memory ? "memory" : "stack") + (e.getMessage() == null
                    ? "" : " (" + e.getMessage() + ")") + ": an input was larger or deeper than trainctl expects;"
                    + " check the files and values given, or raise the limit with TRAINCTL_JAVA_OPTS="
                    + (memory ? "-Xmx4g" : "-Xss16m")
                    + (verbose ? "" : " (run with -v for the stack trace)"), e, verbose);
        }
    }

    /**
     * An unexpected failure in words, without Java class names: the innermost cause of a wrapper (a library's
     * ExecutionException), and a file-system error as the file and what is wrong with it.
     */
    static String unexpected(Throwable e) {
        return unexpected(e, false);
    }

    /** {@link #unexpected(Throwable)}; with {@code -v} the stack trace follows, so the hint to ask for it is left out. */
    static String unexpected(Throwable e, boolean verbose) {
        Throwable cause = e;
        while ((cause instanceof java.util.concurrent.ExecutionException
                || cause instanceof java.io.UncheckedIOException
                || cause instanceof java.lang.reflect.InvocationTargetException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof java.nio.file.AccessDeniedException denied) {
            return "permission denied: " + denied.getFile() + " cannot be written or read by this user (another"
                    + " user may own it: remove it, or point XDG_CACHE_HOME or TMPDIR elsewhere)";
        }
        if (cause instanceof java.nio.file.NoSuchFileException missing) {
            return "no such file or directory: " + missing.getFile();
        }
        if (cause instanceof java.nio.file.FileSystemException fs) {
            return fs.getFile() + ": " + (fs.getReason() == null ? "file system error" : fs.getReason());
        }
        String message = cause.getMessage() == null || cause.getMessage().isBlank() ? "no details"
                : cause.getMessage().replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error):\\s*", "");
        if (message.contains("No space left on device")) {
            return "the disk is full (" + message + "): free some space, or write elsewhere (--model-dir,"
                    + " --checkpoint-dir, --out, TMPDIR)" + (verbose ? "" : "; -v shows where it happened");
        }
        return "unexpected failure: " + message + (verbose ? "" : " (run with -v for the stack trace)");
    }

    /**
     * What the user typed must all take effect: an option given twice (unless its rules say it is repeatable), a
     * positional argument the command does not take, or an option its {@link Command#rules()} say does nothing here is
     * a usage error (some only a warning).
     */
    /** An empty {@code --model-dir ''} would silently mean the current directory; an empty file, no file. */
    private static void refuseEmptyPaths(CommandLine... lines) {
        for (CommandLine line : lines) {
            for (Option option : line.getOptions()) {
                String kind = option.getArgName() == null ? "" : option.getArgName();
                if (option.hasArg() && PATH_ARGUMENT.matcher(kind).find() && option.getValue() != null
                        && option.getValue().isBlank()) {
                    throw TrainctlException.usage("--" + option.getLongOpt() + " is empty: give a "
                            + (kind.contains("DIR") ? "directory (\".\" for this one)" : "file"));
                }
            }
        }
    }

    private void checkNothingIsDropped(Command command, CommandLine leading, CommandLine parsed) {
        Map<String, List<String>> given = new LinkedHashMap<>();
        for (CommandLine line : List.of(leading, parsed)) {
            for (Option option : line.getOptions()) {
                given.computeIfAbsent(option.getLongOpt() == null ? option.getOpt() : option.getLongOpt(),
                        k -> new ArrayList<>()).add(option.getValue() == null ? "" : option.getValue());
            }
        }
        refuseEmptyPaths(leading, parsed);
        valueProblems.forEach((option, problem) -> {
            if (given.containsKey(option)) {
                problem.apply(given.get(option).get(0)).ifPresent(message -> {
                    throw TrainctlException.usage(message);
                });
            }
        });
        given.forEach((name, values) -> {
            if (values.size() > 1 && !command.rules().isRepeatable(name)) {
                throw TrainctlException.usage("--" + name + " is given " + values.size() + " times"
                        + (values.get(0).isEmpty() ? "" : " (" + String.join(", ", values) + ")") + "; give it once");
            }
        });
        if (command.arguments().isEmpty() && !parsed.getArgList().isEmpty()) {
            throw TrainctlException.usage("unexpected argument '" + String.join(" ", parsed.getArgList()) + "': '"
                    + String.join(" ", command.path()) + "' takes no positional arguments (options start with --)");
        }
        OptionRules.Given typed = new OptionRules.Given() {
            @Override
            public boolean has(String option) {
                return given.containsKey(option);
            }

            @Override
            public String value(String option) {
                return given.containsKey(option) ? given.get(option).get(0) : null;
            }

            @Override
            public List<String> arguments() {
                return parsed.getArgList();
            }
        };
        for (OptionRules.Problem problem : command.rules().check(typed)) {
            if (problem.error()) {
                throw TrainctlException.usage(problem.message());
            }
            err.println("trainctl: warning: " + TerminalText.escapeKeepingLines(problem.message()));
        }
    }

    private static boolean isHelp(String arg) {
        return arg.equals("-h") || arg.equals("--help");
    }

    private int topLevel(CommandLine leading, List<String> args) {
        boolean help = leading.hasOption("help") || args.stream().anyMatch(CommandLineInterface::isHelp);
        List<String> rest = args.stream().filter(arg -> !isHelp(arg)).toList();
        if (leading.hasOption("version")) {
            out.println("trainctl " + version);
            return ExitCode.OK.code();
        }
        if (rest.isEmpty()) {
            (help ? out : err).print(overview());
            return help ? ExitCode.OK.code() : ExitCode.USAGE.code();
        }
        List<Command> group = commands.stream().filter(c -> startsWith(c.path(), rest)).toList();
        if (!group.isEmpty() && group.stream().allMatch(c -> c.path().size() > rest.size())) {
            PrintStream stream = help ? out : err;
            stream.println("usage: trainctl " + String.join(" ", rest) + " <command>\n");
            group.forEach(c -> stream.printf("  %-22s %s%n", String.join(" ", c.path()), c.summary()));
            return help ? ExitCode.OK.code() : ExitCode.USAGE.code();
        }
        List<String> words = rest.stream().takeWhile(word -> !word.startsWith("-")).toList();
        return usageError(null, "unknown command '" + TerminalText.escape(String.join(" ", words.isEmpty() ? rest
                : words)) + "'");
    }

    /** The command whose path is the longest prefix of the words given. */
    private Command match(List<String> words) {
        Command best = null;
        for (Command candidate : commands) {
            List<String> path = candidate.path();
            if (path.size() <= words.size() && words.subList(0, path.size()).equals(path)
                    && (best == null || path.size() > best.path().size())) {
                best = candidate;
            }
        }
        return best;
    }

    private static boolean startsWith(List<String> path, List<String> words) {
        return path.size() >= words.size() && path.subList(0, words.size()).equals(words);
    }

    private GlobalOptions globals(CommandLine leading, CommandLine parsed) {
        Optional<String> endpoint = value("endpoint-url", leading, parsed);
        Optional<URI> endpointUrl = Optional.empty();
        if (endpoint.isPresent()) {
            try {
                URI uri = URI.create(endpoint.get());
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new IllegalArgumentException("missing scheme or host");
                }
                endpointUrl = Optional.of(uri);
            } catch (IllegalArgumentException e) {
                throw TrainctlException.usage("--endpoint-url must be a URL such as http://127.0.0.1:9000, got '"
                        + endpoint.get() + "'");
            }
        }
        return new GlobalOptions(
                value("region", leading, parsed),
                value("profile", leading, parsed),
                endpointUrl,
                leading.hasOption("dry-run") || parsed.hasOption("dry-run"),
                OutputFormat.parse(value("output", leading, parsed).orElse("text")),
                leading.hasOption("verbose") || parsed.hasOption("verbose"));
    }

    private static Optional<String> value(String option, CommandLine leading, CommandLine parsed) {
        return Optional.ofNullable(parsed.getOptionValue(option, leading.getOptionValue(option)));
    }

    /**
     * The message and one line pointing to the help, so the message stays on screen (kubectl's way); the usage
     * itself only on {@code --help}.
     */
    private int usageError(Command command, String message) {
        err.println("trainctl: " + TerminalText.escapeKeepingLines(message));
        err.println("see 'trainctl " + (command == null ? "" : String.join(" ", command.path()) + " ") + "--help'");
        return ExitCode.USAGE.code();
    }

    private int fail(ExitCode code, String message, Throwable e, boolean verbose) {
        err.println("trainctl: " + TerminalText.escapeKeepingLines(message));
        if (verbose) {
            e.printStackTrace(err);
        }
        return code.code();
    }

    /** The top-level help: commands, global options and exit codes. */
    public String overview() {
        StringBuilder text = new StringBuilder("usage: trainctl [global options] <command> [options]\n\n")
                .append("Train the PyTorch-tutorial MNIST network with DJL, locally or as a SageMaker job,\n")
                .append("with a least-privilege execution role.\n\nCommands:\n");
        for (Command command : commands) {
            text.append(String.format("  %-22s %s%n", String.join(" ", command.path()), command.summary()));
        }
        text.append("\nGlobal options:\n").append(describe(globalOptions(true)));
        text.append("\nExit codes:\n");
        for (ExitCode code : ExitCode.values()) {
            text.append(String.format("  %3d  %s%n", code.code(), code.meaning()));
        }
        text.append("\nRun 'trainctl <command> --help' for a command's options.\n");
        return text.toString();
    }

    /** One command's help. */
    public String usage(Command command) {
        String name = String.join(" ", command.path());
        return "usage: trainctl " + name + " [options]" + (command.arguments().isEmpty() ? "" : " " + command.arguments())
                + "\n\n" + command.summary() + "\n\nOptions:\n" + describe(command.options())
                + "\nGlobal options:\n" + describe(globalOptions(false));
    }

    private static String describe(Options options) {
        StringBuilder text = new StringBuilder();
        List<Option> sorted = new ArrayList<>(options.getOptions());
        sorted.sort(Comparator.comparing(o -> o.getLongOpt() == null ? o.getOpt() : o.getLongOpt()));
        for (Option option : sorted) {
            String flags = (option.getOpt() != null && option.getOpt().length() == 1 ? "-" + option.getOpt() + ", " : "    ")
                    + "--" + option.getLongOpt() + (option.hasArg() ? " " + (option.getArgName() == null ? "VALUE"
                            : option.getArgName()) : "");
            text.append(String.format("  %-30s %s%n", flags, option.getDescription()));
        }
        return text.toString();
    }

    private static Options withGlobals(Options commandOptions) {
        Options merged = new Options();
        commandOptions.getOptions().forEach(merged::addOption);
        globalOptions(false).getOptions().forEach(merged::addOption);
        return merged;
    }

    /** The options every command accepts (for checks that messages name real options). */
    public static List<Option> globalOptionNames() {
        return List.copyOf(globalOptions(true).getOptions());
    }

    private static Options globalOptions(boolean topLevel) {
        Options options = new Options()
                .addOption(Option.builder().longOpt("region").hasArg().argName("REGION")
                        .desc("AWS region (default: AWS_REGION or the profile's region)").get())
                .addOption(Option.builder().longOpt("profile").hasArg().argName("NAME")
                        .desc("AWS named profile (default: AWS_PROFILE or 'default')").get())
                .addOption(Option.builder().longOpt("endpoint-url").hasArg().argName("URL")
                        .desc("send every AWS request to this AWS-compatible endpoint (default: AWS_ENDPOINT_URL)").get())
                .addOption(Option.builder().longOpt("dry-run")
                        .desc("print each mutating AWS request as JSON and send nothing").get())
                .addOption(Option.builder().longOpt("output").hasArg().argName("text|json")
                        .desc("text for people (default) or one JSON document on stdout").get())
                .addOption(Option.builder("v").longOpt("verbose").desc("log each AWS call; stack traces on errors").get())
                .addOption(Option.builder("h").longOpt("help").desc("show help").get());
        if (topLevel) {
            options.addOption(Option.builder().longOpt("version").desc("print the version").get());
        }
        return options;
    }
}
