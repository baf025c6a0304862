package dev.trainctl.training.files;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * The one way trainctl writes a file. The content goes to a new file created beside the target (same directory, so
 * the same file system) with O_CREAT|O_EXCL, which never opens an existing path or follows a symbolic link; its
 * permissions are then set exactly (whatever the umask), and it is renamed over the target, which replaces a
 * symbolic link planted there instead of writing through it. A reader sees the old file or the new one, never half
 * of one; a failure leaves the old file and no temporary one.
 */
public final class AtomicFiles {

    /** rw-r--r--: models, reports, plots, archives: the user's files, readable as their directory allows. */
    public static final Set<PosixFilePermission> SHARED = PosixFilePermissions.fromString("rw-r--r--");
    /** rw-------: secrets (credentials) and anything only the user may read. */
    public static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final FileAttribute<Set<PosixFilePermission>> CREATED_PRIVATE =
            PosixFilePermissions.asFileAttribute(PRIVATE);

    private AtomicFiles() {}

    /** What goes into the file, written to a stream this class opens and closes. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** What a library writes to a path it is given (a new path in a private directory, see {@link #writeVia}). */
    @FunctionalInterface
    public interface PathContent {
        void writeTo(Path fresh) throws IOException;
    }

    /** Writes {@code bytes} to {@code target} (rw-r--r--); returns {@code target}. */
    public static Path write(Path target, byte[] bytes) throws IOException {
        return write(target, SHARED, out -> out.write(bytes));
    }

    /** Writes {@code text} as UTF-8 to {@code target} (rw-r--r--); returns {@code target}. */
    public static Path writeString(Path target, String text) throws IOException {
        return write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code text} as UTF-8 to {@code target} with {@code permissions}; returns {@code target}. */
    public static Path writeString(Path target, String text, Set<PosixFilePermission> permissions)
            throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return write(target, permissions, out -> out.write(bytes));
    }

    /** Copies {@code source} (a regular file, read through links as given) to {@code target} (rw-r--r--). */
    public static Path copy(Path source, Path target) throws IOException {
        return write(target, SHARED, out -> Files.copy(source, out));
    }

    /**
     * Writes what {@code content} produces to {@code target} with exactly {@code permissions}, through a new
     * temporary file beside it that is renamed into place.
     *
     * @return {@code target}
     * @throws IOException when {@code target} is a directory, its directory does not exist or is not writable, or
     *     {@code content} fails; {@code target} is then as it was
     */
    public static Path write(Path target, Set<PosixFilePermission> permissions, Content content) throws IOException {
        Path destination = destination(target);
        Path temporary = null;
        boolean done = false;
        try {
            FileChannel channel = null;
            for (int attempt = 0; channel == null; attempt++) {
                temporary = destination.resolveSibling(temporaryName(destination));
                try {
                    channel = FileChannel.open(temporary, EnumSet.of(StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE), CREATED_PRIVATE);
                } catch (FileAlreadyExistsException taken) {
                    if (attempt == 10) {
                        throw taken;
                    }
                }
            }
            try (OutputStream out = Channels.newOutputStream(channel)) {
                content.writeTo(unclosable(out));
                out.flush();
                channel.force(true);
            }
            install(temporary, destination, permissions);
            done = true;
            return target;
        } finally {
            if (!done && temporary != null) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /**
     * For a library that insists on writing to a path itself (jib's image tar, DJL's parameter file): it gets a
     * fresh path inside a new private directory (mode 700, made beside the target), where nobody else can plant
     * anything; what it wrote there must be a regular file, and is renamed onto {@code target} with
     * {@code permissions}.
     */
    public static Path writeVia(Path target, Set<PosixFilePermission> permissions, PathContent content)
            throws IOException {
        Path destination = destination(target);
        Path directory = Files.createTempDirectory(destination.getParent(), "." + destination.getFileName() + ".");
        try {
            Path fresh = directory.resolve(destination.getFileName().toString());
            content.writeTo(fresh);
            if (!Files.isRegularFile(fresh, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("writing " + target + " produced no regular file");
            }
            install(fresh, destination, permissions);
            return target;
        } finally {
            Directories.deleteRecursively(directory);
        }
    }

    private static Path destination(Path target) throws IOException {
        Path destination = target.toAbsolutePath().normalize();
        if (destination.getParent() == null) {
            throw new IOException("cannot write " + target + ": it is not a file path");
        }
        if (Files.isDirectory(destination, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("cannot write " + target + ": it is a directory");
        }
        return destination;
    }

    /** Sets the mode on the file itself (never through a link), then renames it over the destination. */
    private static void install(Path file, Path destination, Set<PosixFilePermission> permissions)
            throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view != null) {
            view.setPermissions(permissions);
        }
        Files.move(file, destination, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The stream for {@link Content}: closing it (a GZIP or digest wrapper's close) only flushes. */
    private static OutputStream unclosable(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /** {@code .NAME.RANDOM.tmp}: hidden, beside the target, and unguessable, so nobody can prepare it. */
    private static String temporaryName(Path destination) {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        String name = destination.getFileName().toString();
        // File names are at most 255 bytes: keep the prefix short enough for the suffix.
        String prefix = name.length() > 200 ? name.substring(0, 200) : name;
        return "." + prefix + "." + HexFormat.of().formatHex(random) + ".tmp";
    }
}
