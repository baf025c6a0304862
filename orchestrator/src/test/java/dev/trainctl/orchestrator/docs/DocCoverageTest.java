package dev.trainctl.orchestrator.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every quoted output in the README and the chapters under docs/ is produced or checked by a test, so a new example
 * cannot drift unnoticed: each fenced block is a command to type, a marked block ({@code <!-- example: -->} or
 * {@code <!-- format: -->}, whose producer must exist, its name unique across the files), a block another named test
 * checks, or one of the few listed here with the reason it cannot be (a measurement, a real AWS account, a machine
 * this suite does not run on).
 */
class DocCoverageTest {

    /** Blocks checked by a test of their own, by how they start. */
    private static final Map<String, String> CHECKED_ELSEWHERE = Map.of(
            "$ trainctl policy show ", "ReadmePolicyListingsTest",
            "$ trainctl account check ", "AccountCheckExamplesTest",
            "$ trainctl role check --role-arn ", "RoleCheckExamplesTest",
            "$ trainctl role check --trust-file trust.json --policy-file role.json --subnets ",
            "VpcKeysAndLintExamplesTest",
            "$ trainctl policy lint ", "VpcKeysAndLintExamplesTest",
            "$ trainctl policy simulate ", "PolicySimulateExamplesTest",
            "cat > role-policy.json <<'EOF'", "PolicySimulateExamplesTest",
            "cat > bucket-policy.json <<'EOF'", "PolicySimulateExamplesTest",
            "cat > restart.jsonl <<'EOF'", "PolicySimulateExamplesTest",
            "cat > ambiguous.json <<'EOF'", "DocExamplesTest");

    /** Blocks no test can produce here, by how they start, with why. */
    private static final Map<String, String> NOT_PRODUCED_HERE = Map.ofEntries(
            Map.entry("run      training s", "a measurement (scripts/bench-report.sh), with the machine named"),
            Map.entry("run                        wall s", "a measurement (scripts/bench-local-training.sh)"),
            Map.entry("machine: ", "a measurement (scripts/bench-serving.sh), with the machine named"),
            Map.entry("run                     batch", "a measurement on the lent GPU machine (scripts/gpu-check.sh)"),
            Map.entry("java        ", "'trainctl doctor' describes the machine it runs on"),
            Map.entry("$ trainctl image push ", "needs the packaged training jar (and a libtorch for --gpu);"
                    + " TrainingImageTest and GpuImageTest build the same images"),
            Map.entry("trainctl entry point: root /opt/ml", "scripts/check-image.sh: root and podman"),
            Map.entry("java in the image", "scripts/check-image.sh gpu: root and podman"),
            Map.entry("$ mkdir -m 700 ~/trainctl-s3", "s3 serve runs until Ctrl-C, with a new random secret each"
                    + " time; S3ServeCommandTest checks what it prints"),
            Map.entry("$ trainctl tune --on emulated ", "six emulated trials (40 s); EmulatedTuningTest runs the same"
                    + " code on fewer"),
            Map.entry("worst-case cost: $0.01", "role check --live needs an AWS account"),
            Map.entry("pom.xml ", "the repository's layout, not a command's output"),
            Map.entry("[INFO] ", "the test suite's own summary (./mvnw -B verify), with the machine named: a test"
                    + " cannot run the suite that runs it"),
            Map.entry("{\n  \"Version\": \"2012-10-17\",", "a policy document to read, not an output"));

    /** Lines a block of commands to type starts with. */
    private static final List<String> COMMANDS = List.of("scripts/", "./mvnw ", "trainctl ", "python3 ", "DEVICE=",
            "export ", "TRAINCTL_NATIVES=", "sed ", "cp ", "cat > ", "#");

    private static final Pattern HEREDOC = Pattern.compile("<<'(\\w+)'$");

    /** How a block is covered: produced or checked by a test, a command to type, or listed as not produced here. */
    enum Coverage { MARKED, CHECKED_ELSEWHERE, COMMANDS, NOT_PRODUCED_HERE, NONE }

    static Coverage coverage(DocBlocks.Block block) {
        String body = block.body();
        if (block.name() != null) {
            return Coverage.MARKED;
        }
        if (CHECKED_ELSEWHERE.keySet().stream().anyMatch(body::startsWith)) {
            return Coverage.CHECKED_ELSEWHERE;
        }
        if (isCommands(body)) {
            return Coverage.COMMANDS;
        }
        if (NOT_PRODUCED_HERE.keySet().stream().anyMatch(body::startsWith)) {
            return Coverage.NOT_PRODUCED_HERE;
        }
        return Coverage.NONE;
    }

    @Test
    void everyQuotedOutputIsProducedOrCheckedByATest() throws IOException {
        List<String> uncovered = new ArrayList<>();
        Map<String, Map<Coverage, Integer>> byFile = new LinkedHashMap<>();
        for (DocBlocks.Block block : DocBlocks.all()) {
            Coverage coverage = coverage(block);
            byFile.computeIfAbsent(block.file(), f -> new EnumMap<>(Coverage.class)).merge(coverage, 1, Integer::sum);
            if (coverage == Coverage.NONE) {
                uncovered.add(block.where() + ": " + block.body().lines().findFirst().orElse(""));
            }
        }
        writeSummary(byFile);
        assertThat(uncovered).as("output blocks in the docs that no test produces or checks (mark them, or list"
                + " them with the reason in DocCoverageTest)").isEmpty();
    }

    @Test
    void noMarkedBlockNameAppearsTwice() {
        Map<String, List<String>> places = new TreeMap<>();
        for (DocBlocks.Block block : DocBlocks.all()) {
            if (block.name() != null) {
                places.computeIfAbsent(block.name(), n -> new ArrayList<>()).add(block.kind() + " at "
                        + block.where());
            }
        }
        places.values().removeIf(where -> where.size() == 1);
        assertThat(places).as("marked block names used more than once across %s", Docs.FILES).isEmpty();
    }

    @Test
    void everyFormatBlockHasATestThatChecksIt() throws IOException {
        String tests = testSources();
        for (String name : DocBlocks.marked("format").keySet()) {
            assertThat(tests).as("a test calling DocBlocks.assertFormat(\"%s\", ...)", name)
                    .contains("assertFormat(\"" + name + "\"");
        }
    }

    @Test
    void theTestsNamedForOtherBlocksReadTheDocs() throws IOException {
        for (String test : CHECKED_ELSEWHERE.values()) {
            try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
                Path source = files.filter(f -> f.getFileName().toString().equals(test + ".java")).findFirst()
                        .orElseThrow(() -> new AssertionError("no " + test + ".java"));
                assertThat(Files.readString(source)).as(test).contains("Docs.");
            }
        }
    }

    /**
     * How many blocks of each file each kind of coverage holds, in target/doc-coverage.txt: the count of examples
     * the tests check per chapter.
     */
    private static void writeSummary(Map<String, Map<Coverage, Integer>> byFile) throws IOException {
        StringBuilder summary = new StringBuilder(String.format("%-28s %7s %9s %9s %9s%n", "file", "checked",
                "(marked)", "commands", "measured"));
        for (Map.Entry<String, Map<Coverage, Integer>> file : byFile.entrySet()) {
            Map<Coverage, Integer> counts = file.getValue();
            int marked = counts.getOrDefault(Coverage.MARKED, 0);
            summary.append(String.format("%-28s %7d %9d %9d %9d%n", file.getKey(),
                    marked + counts.getOrDefault(Coverage.CHECKED_ELSEWHERE, 0), marked,
                    counts.getOrDefault(Coverage.COMMANDS, 0), counts.getOrDefault(Coverage.NOT_PRODUCED_HERE, 0)));
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "doc-coverage.txt"), summary.toString(), StandardCharsets.UTF_8);
    }

    /**
     * Whether every line is a command to type, the continuation of one ending in a backslash, or the text of a
     * heredoc ({@code cat > FILE <<'EOF'} up to {@code EOF}), which a test of its own checks where it matters.
     */
    private static boolean isCommands(String body) {
        boolean continued = false;
        String heredocEnd = null;
        for (String line : body.lines().filter(line -> !line.isBlank()).toList()) {
            if (heredocEnd != null) {
                heredocEnd = line.equals(heredocEnd) ? null : heredocEnd;
                continue;
            }
            if (!continued && COMMANDS.stream().noneMatch(line.stripLeading()::startsWith)) {
                return false;
            }
            Matcher heredoc = HEREDOC.matcher(line);
            heredocEnd = heredoc.find() ? heredoc.group(1) : null;
            continued = line.endsWith("\\");
        }
        return true;
    }

    private static String testSources() throws IOException {
        StringBuilder all = new StringBuilder();
        for (String root : List.of("src/test/java", "../training/src/test/java")) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    all.append(Files.readString(file));
                }
            }
        }
        return all.toString();
    }
}
