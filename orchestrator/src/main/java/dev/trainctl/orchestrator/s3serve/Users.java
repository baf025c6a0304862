package dev.trainctl.orchestrator.s3serve;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Who owns a path, and who runs this process, as numeric POSIX ids (names can be ambiguous; ids are not). */
final class Users {

    private Users() {}

    static int currentUid() {
        return (int) new UnixSystem().getUid();
    }

    /** The owner of {@code path} itself (a link's own owner, not its target's). */
    static int uid(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    /** The mode bits of {@code path} itself, the set-id and sticky bits included. */
    static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    }
}
