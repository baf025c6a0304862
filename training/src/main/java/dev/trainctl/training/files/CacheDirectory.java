package dev.trainctl.training.files;

import java.nio.file.Path;

/** Where trainctl keeps what it can fetch or build again: one folder per kind, below the user's cache. */
public final class CacheDirectory {

    private CacheDirectory() {}

    /** {@code $XDG_CACHE_HOME/trainctl/NAME}, or {@code ~/.cache/trainctl/NAME} (the home from the passwd entry). */
    public static Path of(String name) {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("trainctl").resolve(name);
    }
}
