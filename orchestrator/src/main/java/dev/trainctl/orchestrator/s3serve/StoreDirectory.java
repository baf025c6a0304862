package dev.trainctl.orchestrator.s3serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The directory a local S3 server stores in, checked before it serves anything: it must belong to the user running
 * the server and be writable by nobody else, and so must every directory above it (unless, like {@code /tmp}, it is
 * root's with the sticky bit, where nobody can rename what another user made). Otherwise another local user could
 * have prepared it, with a link inside pointing at the victim's files, and the server would read and write there as
 * the victim. A link anywhere in the store is refused: the server serves only files that are in it.
 */
final class StoreDirectory {

    private static final int GROUP_OR_OTHER_WRITE = 0022;
    private static final int GROUP_OR_OTHER_ACCESS = 0077;
    private static final int STICKY = 01000;

    private StoreDirectory() {}

    /**
     * Creates {@code directory} (mode 700) when it is missing, then checks it.
     *
     * @param ours whether it is trainctl's own default directory: then a mode that lets others read is tightened to
     *     700 instead of reported
     * @return the directory's real path, and a warning when others can read it
     * @throws IOException whose message names the path, what is wrong, and what to do
     */
    static Checked prepare(Path directory, boolean ours) throws IOException {
        int me = Users.currentUid();
        Path absolute = directory.toAbsolutePath().normalize();
        refuseForeignLinks(absolute, me);
        if (!Files.exists(absolute)) {
            Files.createDirectories(absolute.getParent());
            Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        Path real = absolute.toRealPath();
        if (!Files.isDirectory(real)) {
            throw new IOException(directory + " is not a directory");
        }
        int owner = Users.uid(real);
        if (owner != me) {
            throw new IOException(directory + " belongs to another user (uid " + owner + "), who could have put links"
                    + " to your files in it: choose a directory of your own, e.g. one under your home directory");
        }
        int mode = Users.mode(real);
        if ((mode & GROUP_OR_OTHER_WRITE) != 0) {
            throw new IOException(directory + " can be written by other users (mode " + octal(mode) + "): run 'chmod"
                    + " go-w " + directory + "', or choose a directory only you can write");
        }
        for (Path above = real.getParent(); above != null; above = above.getParent()) {
            int aboveOwner = Users.uid(above);
            int aboveMode = Users.mode(above);
            if (aboveOwner != me && aboveOwner != 0) {
                throw new IOException(above + " (above " + directory + ") belongs to another user (uid " + aboveOwner
                        + "), who could replace the store: choose a directory under your home directory");
            }
            if ((aboveMode & GROUP_OR_OTHER_WRITE) != 0 && !((aboveMode & STICKY) != 0 && aboveOwner == 0)) {
                throw new IOException(above + " (above " + directory + ") can be written by other users (mode "
                        + octal(aboveMode) + "), who could replace the store: choose a directory under your home"
                        + " directory");
            }
        }
        refuseLinksAndForeignFiles(real, directory, me);
        Optional<String> warning = Optional.empty();
        if ((mode & GROUP_OR_OTHER_ACCESS) != 0) {
            if (ours) {
                Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwx------"));
            } else {
                warning = Optional.of("warning: other users can read the store " + directory + " (mode " + octal(mode)
                        + ") directly, whatever the server allows: 'chmod 700 " + directory + "' keeps them out");
            }
        }
        return new Checked(real, warning);
    }

    /** The checked directory's real path, and a warning for people if there is one. */
    record Checked(Path path, Optional<String> warning) {}

    /** A link on the way to the directory must be the user's own (or root's, as system links are). */
    private static void refuseForeignLinks(Path absolute, int me) throws IOException {
        Path partial = absolute.getRoot();
        for (Path name : absolute) {
            partial = partial.resolve(name);
            if (Files.isSymbolicLink(partial)) {
                int owner = Users.uid(partial);
                if (owner != me && owner != 0) {
                    throw new IOException(partial + " is a link made by another user (uid " + owner + "): refusing to"
                            + " store through it; choose a directory under your home directory");
                }
            }
        }
    }

    private static void refuseLinksAndForeignFiles(Path real, Path given, int me) throws IOException {
        try (Stream<Path> walk = Files.walk(real)) {
            for (Path entry : (Iterable<Path>) walk::iterator) {
                if (Files.isSymbolicLink(entry)) {
                    throw new IOException(entry + " is a symbolic link: the store serves only its own files, never"
                            + " through a link; remove it, or choose another directory than " + given);
                }
                int owner = Users.uid(entry);
                if (owner != me) {
                    throw new IOException(entry + " belongs to another user (uid " + owner + "): the store must hold"
                            + " only your files; choose another directory than " + given);
                }
            }
        }
    }

    private static String octal(int mode) {
        return String.format("%04o", mode & 07777);
    }
}
