package dev.trainctl.orchestrator.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user's registry of emulated endpoints: private to the user, and never read through someone else's file. */
class EmulatedEndpointsTest {

    static final String NAME = "trainctl-mnist-20261205-120000-000";
    /** After this test process started, as a deploy registers after it starts. */
    static final String STARTED = Instant.now().toString();

    @TempDir
    Path temp;

    EmulatedEndpoints.Entry entry(String token) {
        return new EmulatedEndpoints.Entry(NAME, "http://127.0.0.1:4567", token, "s3://b/k", "arn:aws:iam::1:role/r",
                42, STARTED, null);
    }

    @Test
    void anEntryIsWrittenOwnerOnlyAndFoundByName() throws Exception {
        EmulatedEndpoints registry = new EmulatedEndpoints(temp.resolve("endpoints"));
        registry.register(entry("secret"));

        assertThat(registry.find(NAME)).contains(entry("secret"));
        assertThat(registry.list()).containsExactly(entry("secret"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("endpoints"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("endpoints")
                .resolve(NAME + ".json")))).isEqualTo("rw-------");
        assertThat(registry.find("trainctl-mnist-20261205-120000-001")).isEmpty();
    }

    @Test
    void removingLeavesANewerEntryOfTheSameNameAlone() throws Exception {
        EmulatedEndpoints registry = new EmulatedEndpoints(temp.resolve("endpoints"));
        registry.register(entry("newer"));
        registry.remove(entry("older"));
        assertThat(registry.find(NAME)).isPresent();
        registry.remove(entry("newer"));
        assertThat(registry.find(NAME)).isEmpty();
    }

    EmulatedEndpoints.Entry entry(String token, long pid) {
        return new EmulatedEndpoints.Entry(NAME, "http://127.0.0.1:4567", token, "s3://b/k", "arn:aws:iam::1:role/r",
                pid, STARTED, null);
    }

    @Test
    void aSecondRegistrationOfARunningEndpointIsRefusedAndTheFirstKept() throws Exception {
        EmulatedEndpoints registry = new EmulatedEndpoints(temp.resolve("endpoints"));
        long running = ProcessHandle.current().pid();
        registry.register(entry("first", running));

        assertThatThrownBy(() -> registry.register(entry("second", running)))
                .hasMessageStartingWith("emulated endpoint " + NAME + " is already running (process " + running)
                .hasMessageEndingWith("use it, or stop it first with 'trainctl undeploy --on emulated " + NAME + "'");
        assertThat(registry.find(NAME)).contains(entry("first", running));
        assertThat(registry.running(NAME)).contains(entry("first", running));
    }

    @Test
    void theEntryOfAProcessThatEndedIsReplaced() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        EmulatedEndpoints registry = new EmulatedEndpoints(temp.resolve("endpoints"));
        registry.register(entry("crashed", ended.pid()));
        assertThat(registry.running(NAME)).isEmpty();

        registry.register(entry("new", ProcessHandle.current().pid()));

        assertThat(registry.find(NAME).map(EmulatedEndpoints.Entry::token)).contains("new");
        try (var left = Files.list(temp.resolve("endpoints"))) {
            assertThat(left.map(path -> path.getFileName().toString())).containsExactly(NAME + ".json");
        }
    }

    @Test
    void aFolderOthersCanReadIsRefused() throws Exception {
        Path open = Files.createDirectory(temp.resolve("open"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThatThrownBy(() -> new EmulatedEndpoints(open).register(entry("secret")))
                .hasMessageContaining("has mode rwxr-xr-x");
    }

    @Test
    void aPlantedLinkOrAReadableFileIsRefusedNotFollowed() throws Exception {
        EmulatedEndpoints registry = new EmulatedEndpoints(temp.resolve("endpoints"));
        registry.register(entry("secret"));
        Path file = temp.resolve("endpoints").resolve(NAME + ".json");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> registry.find(NAME)).hasMessageContaining("has mode rw-r--r--");

        Files.delete(file);
        Path elsewhere = Files.writeString(temp.resolve("planted.json"), "{}");
        Files.createSymbolicLink(file, elsewhere);
        assertThatThrownBy(() -> registry.find(NAME)).hasMessageContaining("not a regular file");
    }

    @Test
    void aNameThatIsNotAnEndpointNameNeverBecomesAPath() {
        EmulatedEndpoints registry = new EmulatedEndpoints(temp.resolve("endpoints"));
        assertThatThrownBy(() -> registry.find("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theUsersRuntimeFolderIsPreferred() {
        assertThat(EmulatedEndpoints.forUser(Map.of("XDG_RUNTIME_DIR", temp.toString())).directory())
                .isEqualTo(temp.resolve("trainctl").resolve("endpoints"));
    }

    @Test
    void aLiveProcessThatStartedAfterTheEntryWasWrittenOnlyReusesThePidAndTheEntryIsStale() throws Exception {
        EmulatedEndpoints registry = new EmulatedEndpoints(temp.resolve("endpoints"));
        EmulatedEndpoints.Entry reused = new EmulatedEndpoints.Entry(NAME, "http://127.0.0.1:4567", "secret",
                "s3://b/k", "arn:aws:iam::1:role/r", ProcessHandle.current().pid(), "2000-01-01T00:00:00Z", null);
        registry.register(reused);

        assertThat(EmulatedEndpoints.isRunning(reused)).isFalse();
        EmulatedEndpoints.Lookup lookup = registry.lookup(NAME);

        assertThat(lookup.running()).isEmpty();
        assertThat(lookup.removedStale()).contains(reused);
        assertThat(lookup.staleRemoved()).startsWith("emulated endpoint " + NAME + " is not running; its stale"
                + " registration was removed");
        assertThat(registry.find(NAME)).isEmpty();
    }

    @Test
    void aStaleEntrysStagedFilesAreRemovedOnlyWhereADeployMakesThem() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path staged = Files.createTempDirectory(EmulatedEndpoints.WORK_PREFIX);
        Files.writeString(Files.createDirectories(staged.resolve("opt_ml/model")).resolve("model.json"), "{}");
        Path foreign = Files.createTempDirectory("someone-elses");
        Path outside = Files.createDirectory(temp.resolve(EmulatedEndpoints.WORK_PREFIX + "-outside"));
        Path link = Path.of(System.getProperty("java.io.tmpdir"), EmulatedEndpoints.WORK_PREFIX + "-link"
                + ProcessHandle.current().pid());
        Files.createSymbolicLink(link, foreign);
        try {
            for (Path work : new Path[] {staged, foreign, outside, link}) {
                EmulatedEndpoints registry = new EmulatedEndpoints(temp.resolve("endpoints"));
                registry.register(new EmulatedEndpoints.Entry(NAME, "http://127.0.0.1:4567", "t", "s3://b/k",
                        "arn:aws:iam::1:role/r", ended.pid(), STARTED, work.toString()));
                assertThat(registry.lookup(NAME).removedStale()).isPresent();
            }

            assertThat(staged).doesNotExist();
            assertThat(foreign).isDirectory();
            assertThat(outside).isDirectory();
            assertThat(link).isSymbolicLink();
        } finally {
            Files.deleteIfExists(link);
            Files.deleteIfExists(foreign);
        }
    }
}
