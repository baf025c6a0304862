package dev.trainctl.training.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * trainctl's rule for a directory it writes into: it is absent, empty, or one of trainctl's own of the expected
 * {@link DirectoryKind} (every entry a regular file of a name trainctl writes there, and recognised by its descriptor
 * file). Anything else, a user's notes, a source tree, another tool's model, a planted symbolic link, is refused,
 * because writing there would replace or delete what trainctl did not write.
 */
public final class OwnedDirectories {

    /** How many foreign entries a message names. */
    static final int NAMED = 4;

    private OwnedDirectories() {}

    /**
     * Fails unless {@code directory} is absent, empty, or one of trainctl's own directories of one of {@code kinds}.
     * A path that is not a directory is left to the caller's own check (it cannot be written into anyway).
     *
     * @throws ForeignDirectoryException naming a few of the entries trainctl did not write
     */
    public static void requireOwned(Path directory, DirectoryKind... kinds) throws IOException {
        if (Files.isSymbolicLink(directory) && !Files.exists(directory)) {
            throw new ForeignDirectoryException(directory + " is a symbolic link to "
                    + Files.readSymbolicLink(directory) + ", which does not exist");
        }
        if (!Files.isDirectory(directory)) {
            return;
        }
        List<Path> entries;
        try (Stream<Path> listed = Files.list(directory)) {
            entries = listed.sorted().toList();
        }
        if (entries.isEmpty()) {
            return;
        }
        List<String> fewestForeign = null;
        List<String> descriptorProblems = new ArrayList<>();
        for (DirectoryKind kind : kinds) {
            List<String> notWritten = entries.stream().filter(entry -> !written(kind, entry))
                    .map(OwnedDirectories::displayed).toList();
            if (notWritten.isEmpty()) {
                Optional<String> whyNot = kind.whyNotOwn(directory);
                if (whyNot.isEmpty()) {
                    return;
                }
                descriptorProblems.add(whyNot.get());
            } else if (fewestForeign == null || notWritten.size() < fewestForeign.size()) {
                fewestForeign = notWritten;
            }
        }
        String what = Arrays.stream(kinds).map(DirectoryKind::description).collect(Collectors.joining(" or "));
        if (!descriptorProblems.isEmpty()) {
            throw new ForeignDirectoryException(directory + " holds " + few(entries.stream()
                    .map(OwnedDirectories::displayed).toList()) + " but is not " + what + ": "
                    + String.join("; ", descriptorProblems));
        }
        throw new ForeignDirectoryException(directory + " holds files trainctl did not write (" + few(fewestForeign)
                + "), so it is not " + what);
    }

    /** Whether {@code directory} is one of trainctl's own directories of {@code kind} (and not empty). */
    public static boolean isOwn(Path directory, DirectoryKind kind) {
        if (!Files.isDirectory(directory) || kind.whyNotOwn(directory).isPresent()) {
            return false;
        }
        try (Stream<Path> listed = Files.list(directory)) {
            return listed.allMatch(entry -> written(kind, entry));
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    private static boolean written(DirectoryKind kind, Path entry) {
        return kind.writes(entry.getFileName().toString()) && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS);
    }

    /** {@code src/} for a directory, {@code link@} for a symbolic link, as {@code ls -F} shows them. */
    private static String displayed(Path entry) {
        String name = entry.getFileName().toString();
        if (Files.isSymbolicLink(entry)) {
            return name + "@";
        }
        return Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) ? name + "/" : name;
    }

    /** "a, b, c, d and 3 more". */
    private static String few(List<String> names) {
        if (names.size() <= NAMED) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, NAMED)) + " and " + (names.size() - NAMED) + " more";
    }
}
