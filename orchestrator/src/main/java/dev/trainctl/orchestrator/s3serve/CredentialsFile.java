package dev.trainctl.orchestrator.s3serve;

import dev.trainctl.training.files.AtomicFiles;
import dev.trainctl.training.files.CacheDirectory;
import dev.trainctl.training.files.LimitedFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where {@code trainctl s3 serve} leaves its secret for the user's other programs: one file per server address,
 * {@code ~/.cache/trainctl/s3-serve/HOST-PORT.credentials}, in the AWS shared-credentials format (so
 * {@code AWS_SHARED_CREDENTIALS_FILE=FILE aws ...} works), mode 600 in a directory of mode 700. trainctl reads it
 * when {@code --endpoint-url} names that address; it is removed when the server stops.
 */
final class CredentialsFile {

    private CredentialsFile() {}

    /** The file for a server at {@code endpoint} (host and port; the scheme is always http). */
    static Path of(URI endpoint) {
        return of(CacheDirectory.of("s3-serve"), endpoint);
    }

    static Path of(Path directory, URI endpoint) {
        String host = endpoint.getHost().replace("[", "").replace("]", "").replace(':', '_')
                .toLowerCase(Locale.ROOT);
        return directory.resolve(host + "-" + endpoint.getPort() + ".credentials");
    }

    /** Writes the file (mode 600, through {@link AtomicFiles}); its directory is made or kept private. */
    static Path write(Path file, URI endpoint, ServerCredentials credentials) throws IOException {
        Path directory = file.getParent();
        if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS)
                && !Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(directory + " is " + (Files.isSymbolicLink(directory) ? "a symbolic link" : "a file")
                    + ", not a folder of yours: trainctl keeps the server's secret only in a private folder; remove it"
                    + " (or point XDG_CACHE_HOME elsewhere)");
        }
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(directory.getParent());
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        requireOwnPrivateDirectory(directory);
        String text = "# trainctl s3 serve at " + endpoint + ": valid while it runs; readable only by you\n"
                + "[default]\n"
                + "aws_access_key_id = " + credentials.accessKey() + "\n"
                + "aws_secret_access_key = " + credentials.secretKey() + "\n";
        return AtomicFiles.writeString(file, text, AtomicFiles.PRIVATE);
    }

    /**
     * The credentials in the file, when it exists and is safe to trust: a regular file of this user's, that nobody
     * else can read or write.
     */
    static Optional<ServerCredentials> read(Path file) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Users.uid(file) != Users.currentUid()
                || (Users.mode(file) & 0077) != 0) {
            throw new IOException(file + " is not a private file of yours (mode 600): not trusting it; delete it and"
                    + " restart 'trainctl s3 serve'");
        }
        Map<String, String> values = new HashMap<>();
        for (String line : LimitedFiles.readString(file, 64 << 10, "a credentials file").lines().toList()) {
            int equals = line.indexOf('=');
            if (equals > 0 && !line.startsWith("#")) {
                values.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
            }
        }
        String key = values.get("aws_access_key_id");
        String secret = values.get("aws_secret_access_key");
        if (key == null || secret == null) {
            throw new IOException(file + " holds no aws_access_key_id and aws_secret_access_key: delete it and"
                    + " restart 'trainctl s3 serve'");
        }
        return Optional.of(new ServerCredentials(key, secret));
    }

    /** Removes the file if it still holds these credentials (another server may have taken the address since). */
    static void remove(Path file, ServerCredentials credentials) {
        try {
            if (read(file).filter(credentials::equals).isPresent()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // at exit: a stale file is replaced by the next server at this address
        }
    }

    private static void requireOwnPrivateDirectory(Path directory) throws IOException {
        if (Users.uid(directory) != Users.currentUid()) {
            throw new IOException(directory + " belongs to another user: it cannot hold your S3 server's secret");
        }
        if ((Users.mode(directory) & 0077) != 0) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
