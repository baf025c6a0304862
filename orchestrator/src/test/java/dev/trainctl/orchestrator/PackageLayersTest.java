package dev.trainctl.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Shared concepts live below their users: the packages that several commands use import none of the commands'
 * packages, so the arrows point only downward.
 */
class PackageLayersTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/trainctl/orchestrator");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.trainctl\\.orchestrator\\."
            + "([a-z0-9]+)\\.", Pattern.MULTILINE);

    /** Each low package and the only project packages it may import. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "cli", Set.of(),
            "iam", Set.of("json"),
            "json", Set.of(),
            "aws", Set.of("cli"),
            "names", Set.of("aws", "cli"),
            "outputs", Set.of("cli"),
            "roles", Set.of("aws", "cli", "json"),
            "jobsecurity", Set.of(),
            "trainingjob", Set.of("aws", "cli", "data", "jobsecurity", "names", "roles"),
            "endpoints", Set.of("aws", "cli", "names"));

    @Test
    void lowPackagesImportOnlyWhatIsBelowThem() throws IOException {
        for (Map.Entry<String, Set<String>> layer : ALLOWED.entrySet()) {
            assertThat(importedPackages(layer.getKey())).as("packages imported by %s/", layer.getKey())
                    .isSubsetOf(layer.getValue());
        }
    }

    @Test
    void policyAndEmulateImportNeitherRoleCheckNorJobs() throws IOException {
        for (String user : List.of("policy", "emulate")) {
            assertThat(importedPackages(user)).as("packages imported by %s/", user)
                    .doesNotContain("rolecheck", "jobs");
        }
    }

    private static Set<String> importedPackages(String pkg) throws IOException {
        Set<String> imported = new TreeSet<>();
        try (Stream<Path> files = Files.list(SOURCES.resolve(pkg))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    imported.add(m.group(1));
                }
            }
        }
        imported.remove(pkg);
        return imported;
    }
}
