package dev.trainctl.orchestrator.s3serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.Trainctl;
import dev.trainctl.orchestrator.cli.CliRun;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class S3ServeCommandTest {

    @Test
    @Timeout(60)
    void aPortInUseIsNamedWithAnotherPortToTry(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            CliRun run = CliRun.of("s3", "serve", "--port", Integer.toString(port), "--dir", dir.toString());

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).startsWith("trainctl: port " + port + " on 127.0.0.1 is in use")
                    .contains("--port 0 to pick a free one").doesNotContain("Exception");
        }
    }

    /** The README's old example: a fixed directory in /tmp, which another user can create first. */
    @Test
    void aStoreDirectoryOfAnotherUserIsRefusedBeforeAnythingIsServed(@TempDir Path temp) throws Exception {
        Path theirs = Files.createDirectories(temp.resolve("trainctl-s3serve"));
        Path precious = Files.createDirectories(temp.resolve("victim-private"));
        Files.createSymbolicLink(theirs.resolve("trainctl-local"), precious);
        if (Users.currentUid() == 0) {
            // root can play the second user: hand the directory to another uid
            Files.setAttribute(theirs, "unix:uid", 4242);
        } else {
            theirs = Path.of("/usr/share");
            org.junit.jupiter.api.Assumptions.assumeTrue(Users.uid(theirs) != Users.currentUid(),
                    "needs a directory of another user (running as root, the test makes one)");
        }

        CliRun run = CliRun.of("s3", "serve", "--port", "0", "--dir", theirs.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("trainctl: --dir: " + theirs + " belongs to another user (uid ")
                .contains("choose a directory of your own");
        assertThat(run.out()).doesNotContain("S3-compatible server at");
    }

    @Test
    void aStoreDirectoryOthersCanWriteIsRefused(@TempDir Path temp) throws Exception {
        Path shared = Files.createDirectories(temp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        CliRun run = CliRun.of("s3", "serve", "--port", "0", "--dir", shared.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("trainctl: --dir: " + shared + " can be written by other users (mode 0777):"
                + " run 'chmod go-w " + shared + "'");
    }

    @Test
    void aLinkInsideTheStoreIsRefused(@TempDir Path temp) throws Exception {
        Path store = Files.createDirectories(temp.resolve("store"));
        Path victim = Files.createDirectories(temp.resolve("victim"));
        Files.createSymbolicLink(Files.createDirectories(store.resolve("trainctl-local")).resolve("keys"), victim);

        CliRun run = CliRun.of("s3", "serve", "--port", "0", "--dir", store.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(store.resolve("trainctl-local/keys") + " is a symbolic link: the store serves"
                + " only its own files");
    }

    @Test
    void aLinkToTheStoreMadeByAnotherUserIsRefused(@TempDir Path temp) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Users.currentUid() == 0,
                "a link owned by another user can only be made as root here; skipped");
        Path mine = Files.createDirectories(temp.resolve("mine"));
        Path planted = Files.createSymbolicLink(temp.resolve("trainctl-s3serve"), mine);
        Files.setAttribute(planted, "unix:uid", 4242, java.nio.file.LinkOption.NOFOLLOW_LINKS);

        CliRun run = CliRun.of("s3", "serve", "--port", "0", "--dir", planted.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(planted + " is a link made by another user (uid 4242)");
    }

    @Test
    void aDirectoryUnderAnotherUsersWritableDirectoryIsRefused(@TempDir Path temp) throws Exception {
        Path open = Files.createDirectories(temp.resolve("open"));
        Path store = Files.createDirectories(open.resolve("store"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));

        CliRun run = CliRun.of("s3", "serve", "--port", "0", "--dir", store.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(open + " (above " + store + ") can be written by other users (mode 0777)");
    }

    /**
     * The real command in its own process, as a user runs it: the secret is shown once and left in a private file
     * for the user's other programs, another trainctl process uses it, and it is gone when the server stops.
     */
    @Test
    @Timeout(120)
    void serveShowsItsSecretOnceLeavesItInAPrivateFileAndRemovesItWhenStopped(@TempDir Path temp) throws Exception {
        Path cache = temp.resolve("cache");
        Map<String, String> environment = Map.of("XDG_CACHE_HOME", cache.toString());
        Process serve = trainctl(environment, "s3", "serve", "--port", "0", "--dir", temp.resolve("store").toString());
        try {
            List<String> lines = linesUntil(serve, "Ctrl-C stops it.");
            String endpoint = lines.stream().filter(l -> l.startsWith("S3-compatible server at ")).findFirst()
                    .orElseThrow().replaceFirst("^S3-compatible server at (\\S+),.*", "$1");
            String secret = lines.stream().filter(l -> l.contains("secret key ")).findFirst().orElseThrow()
                    .replaceFirst(".*secret key (\\S+),.*", "$1");
            URI uri = URI.create(endpoint);
            Path file = cache.resolve("trainctl/s3-serve/127.0.0.1-" + uri.getPort() + ".credentials");

            assertThat(secret).hasSize(40).isNotEqualTo("trainctl-local-secret");
            assertThat(String.join("\n", lines).split(java.util.regex.Pattern.quote(secret), -1)).hasSize(2);
            assertThat(file).content().contains("aws_secret_access_key = " + secret);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                    .isEqualTo("rwx------");

            Process evaluate = trainctl(environment, "--endpoint-url", endpoint, "evaluate", "--model",
                    "s3://trainctl-local/none/model.tar.gz");
            String output = new String(evaluate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(evaluate.waitFor()).as("signed with the secret from the file: the object is simply missing"
                    + " (exit 3), not denied (exit 6)\n%s", output).isEqualTo(3);
            assertThat(output).contains("no model at s3://trainctl-local/none/model.tar.gz");

            serve.destroy(); // SIGTERM, as Ctrl-C
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(file).doesNotExist();
        } finally {
            serve.destroyForcibly();
        }
    }

    @Test
    void aNonLoopbackAddressIsWarnedAboutLoudly() {
        assertThat(S3ServeCommand.nonLoopback("127.0.0.1")).isEmpty();
        assertThat(S3ServeCommand.nonLoopback("localhost")).isEmpty();
        assertThat(S3ServeCommand.nonLoopback("::1")).isEmpty();
        assertThat(S3ServeCommand.nonLoopback("0.0.0.0")).hasValueSatisfying(warning -> assertThat(warning)
                .startsWith("WARNING: --host 0.0.0.0 is not a loopback address").contains("plain HTTP"));
    }

    private static Process trainctl(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                Trainctl.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("DJL_OFFLINE", "true");
        builder.environment().keySet().removeIf(key -> key.startsWith("AWS_"));
        return builder.start();
    }

    private static List<String> linesUntil(Process process, String last) throws Exception {
        List<String> lines = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        for (String line; (line = reader.readLine()) != null; ) {
            lines.add(line);
            if (line.equals(last)) {
                return lines;
            }
        }
        throw new AssertionError("the server stopped:\n" + String.join("\n", lines));
    }
}
