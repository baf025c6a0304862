package dev.trainctl.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.cli.Option;
import org.junit.jupiter.api.Test;

/**
 * Every {@code --option} that a message, hint or help text names is one the tool has: after {@code trainctl CMD}
 * it must be an option of CMD (or a global one); elsewhere an option of some command; inside a quoted {@code aws ...}
 * command line it is the AWS CLI's. Scans every string literal of both modules' main sources.
 */
class OptionNamesInMessagesTest {

    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--([a-z][a-z0-9]*(?:-[a-z0-9]+)*)");
    /** AWS CLI options in an {@code aws ...} line whose {@code aws} is in another literal of the same message. */
    private static final Set<String> AWS_CLI_OPTIONS = Set.of("recursive", "quota-code", "desired-value",
            "s3-bucket-name", "is-multi-region-trail");
    private static final Pattern CONTEXT = Pattern.compile("\\b(trainctl|aws)((?: [a-z][a-z0-9-]*){0,2})");

    @Test
    void everyOptionAMessageNamesExists() throws IOException {
        CommandLineInterface cli = new CommandLineInterface("test", Commands.all(), System.out, System.err);
        Set<String> globals = names(CommandLineInterface.globalOptionNames());
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Path file : sources()) {
            String text = Files.readString(file);
            Matcher literal = LITERAL.matcher(text);
            while (literal.find()) {
                String value = literal.group(1);
                if (value.matches("--[a-z0-9-]+(=\\S*)?")) {
                    continue; // an argument handed to another program (npm pack --pack-destination), not a message
                }
                Matcher option = OPTION.matcher(value);
                while (option.find()) {
                    checked++;
                    String name = option.group(1);
                    Optional<String> problem = check(value.substring(0, option.start()), name, globals);
                    problem.ifPresent(p -> wrong.add(file.getFileName() + ": \"" + value + "\": " + p));
                }
            }
        }
        assertThat(checked).as("options found in messages").isGreaterThan(100);
        assertThat(wrong).as("messages that name an option the tool does not have").isEmpty();
        assertThat(cli.overview()).contains("--region");
    }

    /** Checks {@code --name} against the nearest {@code trainctl CMD} or {@code aws} before it in the literal. */
    private static Optional<String> check(String before, String name, Set<String> globals) {
        Matcher context = CONTEXT.matcher(before);
        String tool = null;
        String words = "";
        while (context.find()) {
            tool = context.group(1);
            words = context.group(2).trim();
        }
        if ("aws".equals(tool) || AWS_CLI_OPTIONS.contains(name)) {
            return Optional.empty();
        }
        if (globals.contains(name)) {
            return Optional.empty();
        }
        if ("trainctl".equals(tool) && !words.isEmpty()) {
            Optional<Command> command = commandFor(words);
            if (command.isPresent()) {
                return command.get().options().hasLongOption(name) ? Optional.empty()
                        : Optional.of("'trainctl " + String.join(" ", command.get().path()) + "' has no --" + name);
            }
        }
        boolean anywhere = Commands.all().stream().anyMatch(c -> c.options().hasLongOption(name));
        return anywhere ? Optional.empty() : Optional.of("no command has --" + name);
    }

    private static Optional<Command> commandFor(String words) {
        List<String> given = List.of(words.split(" "));
        return Commands.all().stream()
                .filter(c -> c.path().size() <= given.size() && given.subList(0, c.path().size()).equals(c.path()))
                .max((a, b) -> Integer.compare(a.path().size(), b.path().size()));
    }

    private static Set<String> names(List<Option> options) {
        Set<String> names = new TreeSet<>();
        options.forEach(o -> names.add(o.getLongOpt()));
        return names;
    }

    private static List<Path> sources() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : List.of(Path.of("src/main/java"), Path.of("../training/src/main/java"))) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
            }
        }
        return files;
    }
}
