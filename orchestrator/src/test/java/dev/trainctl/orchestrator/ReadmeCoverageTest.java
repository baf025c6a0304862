package dev.trainctl.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every quoted output in the README is produced or checked by a test, so a new example cannot drift unnoticed: each
 * fenced block is a command to type, a marked block ({@code <!-- example: -->} or {@code <!-- format: -->}, whose
 * producer must exist), a block another named test checks, or one of the few listed here with the reason it
 * cannot be (a measurement, a real AWS account, a machine this suite does not run on).
 */
class ReadmeCoverageTest {

    /** Blocks checked by a test of their own, by how they start. */
    private static final Map<String, String> CHECKED_ELSEWHERE = Map.of(
            "$ trainctl policy show ", "ReadmePolicyListingsTest",
            "$ trainctl account check ", "AccountCheckExamplesTest",
            "$ trainctl role check --role-arn ", "RoleCheckExamplesTest",
            "$ trainctl role check --trust-file trust.json --policy-file role.json --subnets ",
            "VpcKeysAndLintExamplesTest",
            "$ trainctl policy lint ", "VpcKeysAndLintExamplesTest",
            "$ trainctl policy simulate ", "PolicySimulateExamplesTest",
            "{\"Version\": \"2012-10-17\", \"Statement\": [", "PolicySimulateExamplesTest",
            "{\"action\": ", "PolicySimulateExamplesTest");

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
            Map.entry("{\n  \"Version\": \"2012-10-17\",", "a policy document to read, not an output"));

    /** Lines a block of commands to type starts with. */
    private static final List<String> COMMANDS = List.of("scripts/", "./mvnw ", "trainctl ", "python3 ", "DEVICE=",
            "#");

    private record Block(int line, String marker, String body) {}

    @Test
    void everyQuotedOutputIsProducedOrCheckedByATest() throws IOException {
        List<String> uncovered = new ArrayList<>();
        for (Block block : blocks()) {
            if (block.marker() != null || isCommands(block.body())
                    || CHECKED_ELSEWHERE.keySet().stream().anyMatch(block.body()::startsWith)
                    || NOT_PRODUCED_HERE.keySet().stream().anyMatch(block.body()::startsWith)) {
                continue;
            }
            uncovered.add("README line " + block.line() + ": " + block.body().lines().findFirst().orElse(""));
        }
        assertThat(uncovered).as("README output blocks no test produces or checks (mark them, or list them with"
                + " the reason in ReadmeCoverageTest)").isEmpty();
    }

    @Test
    void everyFormatBlockHasATestThatChecksIt() throws IOException {
        String tests = testSources();
        for (String name : ReadmeBlocks.marked("format").keySet()) {
            assertThat(tests).as("a test calling ReadmeBlocks.assertFormat(\"%s\", ...)", name)
                    .contains("assertFormat(\"" + name + "\"");
        }
    }

    @Test
    void theTestsNamedForOtherBlocksReadTheReadme() throws IOException {
        for (String test : CHECKED_ELSEWHERE.values()) {
            try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
                Path source = files.filter(f -> f.getFileName().toString().equals(test + ".java")).findFirst()
                        .orElseThrow(() -> new AssertionError("no " + test + ".java"));
                assertThat(Files.readString(source)).as(test).contains("README.md");
            }
        }
    }

    /** Whether every line is a command to type (or the continuation of one ending in a backslash). */
    private static boolean isCommands(String body) {
        boolean continued = false;
        for (String line : body.lines().filter(line -> !line.isBlank()).toList()) {
            if (!continued && COMMANDS.stream().noneMatch(line::startsWith)) {
                return false;
            }
            continued = line.endsWith("\\");
        }
        return true;
    }

    private static List<Block> blocks() throws IOException {
        List<String> lines = Files.readAllLines(ReadmeBlocks.README, StandardCharsets.UTF_8);
        List<Block> blocks = new ArrayList<>();
        Pattern marker = Pattern.compile("<!-- (?:example|format): ([a-z0-9-]+) -->");
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("```")) {
                continue;
            }
            int end = i + 1;
            while (!lines.get(end).startsWith("```")) {
                end++;
            }
            Matcher marked = i > 0 ? marker.matcher(lines.get(i - 1)) : null;
            blocks.add(new Block(i + 2, marked != null && marked.matches() ? marked.group(1) : null,
                    String.join("\n", lines.subList(i + 1, end))));
            i = end;
        }
        return blocks;
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
