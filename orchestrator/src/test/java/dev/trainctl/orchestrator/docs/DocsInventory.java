package dev.trainctl.orchestrator.docs;

import dev.trainctl.orchestrator.Commands;
import dev.trainctl.orchestrator.cli.Command;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the docs document, as one sorted set of {@code kind: item} lines, so two versions of the docs can be compared
 * item by item: the trainctl commands and subcommands (with their {@code --on} modes and {@code policy show}
 * documents), every {@code --option}, the exit codes of the exit-code table, role and account check rows, policy
 * statements, IAM actions and condition keys, JSON fields, environment variables, files, scripts, tests, marked
 * blocks and links out. {@link DocsInventoryTest} keeps the inventory of the README before the docs were split
 * (src/test/resources/docs-inventory.txt) and fails when the docs lose any item of it.
 */
final class DocsInventory {

    private static final Pattern LINK_TARGET = Pattern.compile("\\]\\([^)\\s]*\\)");
    private static final Pattern URL = Pattern.compile("https?://(?!127\\.0\\.0\\.1|localhost)[^\\s)>\\]`\"'|]+");
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern TRAINCTL = Pattern.compile("(?:^|[\\s/(\"'])trainctl +([^\\n]*)");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9]*(?:-[a-z0-9]+)*");
    private static final Pattern CHECK = Pattern.compile("(?<![\\w.$/-])(?:trust|lint|simulate|caller|key|emulate"
            + "|live|identity|root|audit|cost|quota|region)\\.[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?![\\w.-])");
    private static final Set<String> FILE_SUFFIXES = Set.of("json", "jsonl", "md", "png", "html", "txt", "gz", "tar",
            "sh", "py", "yml", "conf", "params", "ndlist", "npz");
    private static final Pattern ENV = Pattern.compile("(?<![\\w-])[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9](?![\\w-])");
    private static final Pattern SCRIPT = Pattern.compile("(?<![\\w/])scripts/[\\w./-]*\\w");
    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(?:_[a-z0-9]+)+");
    private static final Pattern TEST = Pattern.compile("(?<![\\w.])[A-Z][A-Za-z0-9]*(?:Test|IT)(?![\\w])");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_.*-]+\\.(?:json|jsonl|npz|params|ndlist|png"
            + "|html|tar\\.gz|txt|gz|tar|credentials|corrupt)");
    private static final Pattern STATEMENT = Pattern.compile("(?m)^#   ([A-Z][A-Za-z0-9]+):|\"Sid\": \"([A-Za-z0-9]+)\"");
    private static final Pattern IAM_NAME = Pattern.compile("(?<![\\w:/-])(?:aws|s3|iam|sagemaker|kms|ec2|ecr|logs"
            + "|cloudwatch|sts|budgets|cloudtrail|servicequotas|pricing):[A-Za-z][A-Za-z0-9]*(?:/[A-Za-z][\\w-]*)?");
    private static final Pattern MARKER = Pattern.compile("<!-- (example|format): ([a-z0-9-]+) -->");
    private static final Pattern EXIT_CODE_ROW = Pattern.compile("^\\| (\\d+) \\|");
    private static final Set<String> GLOBALS_WITH_VALUE = Set.of("--region", "--profile", "--endpoint-url",
            "--output");
    private static final Set<String> GLOBAL_FLAGS = Set.of("--dry-run", "-v", "--verbose");

    private DocsInventory() {}

    /** The inventory of these documentation files together. */
    static SortedSet<String> of(List<Docs.Doc> docs) {
        SortedSet<String> items = new TreeSet<>();
        List<List<String>> paths = commandPaths();
        for (Docs.Doc doc : docs) {
            String text = doc.text();
            find(URL, text).forEach(url -> items.add("link: " + url.replaceAll("[.,;:]+$", "")));
            text = LINK_TARGET.matcher(text).replaceAll("]");
            List<String> code = code(new Docs.Doc(doc.name(), text));
            for (String piece : code) {
                commands(piece, paths, items);
                if (SNAKE_CASE.matcher(piece).matches()) {
                    items.add("json field or hyperparameter: " + piece);
                }
                if (FILE.matcher(piece).matches()) {
                    items.add("file: " + piece);
                }
            }
            find(OPTION, text).forEach(option -> items.add("option: " + option));
            find(CHECK, text).stream().filter(check -> !FILE_SUFFIXES.contains(check.substring(check.indexOf('.') + 1)))
                    .forEach(check -> items.add("check row: " + check));
            find(ENV, text).forEach(env -> items.add("environment variable: " + env));
            find(SCRIPT, text).forEach(script -> items.add("script: " + script));
            find(TEST, text).forEach(test -> items.add("test: " + test));
            find(IAM_NAME, text).forEach(name -> items.add("iam action or condition key: " + name));
            Matcher statement = STATEMENT.matcher(text);
            while (statement.find()) {
                items.add("policy statement: " + (statement.group(1) != null ? statement.group(1) : statement.group(2)));
            }
            Matcher marker = MARKER.matcher(text);
            while (marker.find()) {
                items.add("marked block: " + marker.group(1) + " " + marker.group(2));
            }
            exitCodes(DocBlocks.prose(doc.text()).lines().toList(), items);
        }
        return items;
    }

    /** Every command's words, longest first, so that {@code tune status} wins over {@code tune}. */
    static List<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>(Commands.all().stream().map(Command::path).toList());
        paths.sort(Comparator.comparingInt((List<String> path) -> path.size()).reversed());
        return paths;
    }

    /** The inline code spans and the lines of fenced blocks: where commands and JSON fields are written. */
    private static List<String> code(Docs.Doc doc) {
        List<String> code = new ArrayList<>();
        DocBlocks.of(doc).forEach(block -> code.addAll(block.body().lines().toList()));
        find(CODE_SPAN, DocBlocks.prose(doc.text())).forEach(span -> code.add(span.substring(1, span.length() - 1)));
        return code;
    }

    /**
     * The commands a piece of code names: after {@code trainctl} (global options skipped), or at its start (a code
     * span such as {@code train --on emulated}); with the {@code --on} modes given and {@code policy show}'s document.
     */
    private static void commands(String piece, List<List<String>> paths, Set<String> items) {
        List<String> invocations = new ArrayList<>();
        invocations.add(piece);
        Matcher trainctl = TRAINCTL.matcher(piece);
        while (trainctl.find()) {
            invocations.add(trainctl.group(1));
        }
        for (String invocation : invocations) {
            List<String> words = new ArrayList<>(Arrays.asList(invocation.trim().split("\\s+")));
            while (!words.isEmpty() && (GLOBAL_FLAGS.contains(words.get(0)) || GLOBALS_WITH_VALUE.contains(
                    words.get(0)))) {
                boolean hasValue = GLOBALS_WITH_VALUE.contains(words.remove(0));
                if (hasValue && !words.isEmpty() && !words.get(0).startsWith("-")) {
                    words.remove(0);
                }
            }
            int matched = 0;
            for (List<String> path : paths) {
                if (path.size() >= matched && names(words, path)) {
                    matched = path.size();
                    String command = String.join(" ", path);
                    items.add("command: " + command);
                    List<String> rest = words.subList(path.size(), words.size());
                    if (path.equals(List.of("policy", "show")) && !rest.isEmpty()) {
                        for (String document : rest.get(0).replaceAll("[\\[\\]`]", "").split("\\|")) {
                            if (document.matches("[a-z]+(?:-[a-z]+)*")) {
                                items.add("command: policy show " + document);
                            }
                        }
                    }
                    int on = rest.indexOf("--on");
                    if (on >= 0 && on + 1 < rest.size()) {
                        for (String mode : rest.get(on + 1).replaceAll("[`,;.)]", "").split("\\\\?\\|")) {
                            if (mode.matches("[a-z]+")) {
                                items.add("command: " + command + " --on " + mode);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Whether {@code words} start with the command {@code path}; its last word may be one of alternatives
     * ({@code jobs list|status|wait}).
     */
    private static boolean names(List<String> words, List<String> path) {
        int last = path.size() - 1;
        return words.size() > last && words.subList(0, last).equals(path.subList(0, last))
                && Arrays.asList(words.get(last).replace("\\", "").split("\\|")).contains(path.get(last));
    }

    /** The codes of the table under the heading "Exit codes". */
    private static void exitCodes(List<String> lines, Set<String> items) {
        boolean inSection = false;
        for (String line : lines) {
            if (line.startsWith("#")) {
                inSection = line.matches("#+ .*Exit codes.*");
            } else if (inSection) {
                Matcher row = EXIT_CODE_ROW.matcher(line);
                if (row.find()) {
                    items.add("exit code: " + row.group(1));
                }
            }
        }
    }

    private static List<String> find(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }
}
