package dev.trainctl.orchestrator.emulate;

import dev.trainctl.orchestrator.names.S3Uri;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What SageMaker does with {@code /opt/ml/checkpoints} when a job has a CheckpointConfig: mirrors it to the
 * checkpoint S3 URI as the role (new and changed files uploaded, files deleted in the container deleted in S3), and
 * restores it from there into the container of a restarted spot job. Files still being written ({@code *.tmp})
 * are not synced: only complete files are.
 */
final class CheckpointSync {

    static final String SYNC_UP = "Checkpoint upload failed";
    static final String RESTORE = "Checkpoint restore failed";

    private final RoleSession role;
    private final S3Uri prefix;

    CheckpointSync(RoleSession role, S3Uri prefix) {
        this.role = role;
        this.prefix = prefix;
    }

    /** Mirrors the local directory to the prefix; returns how many files were uploaded. */
    int up(Path checkpoints) throws IOException {
        Map<S3Uri, Path> uploads = new LinkedHashMap<>();
        for (Path file : completeFiles(checkpoints)) {
            uploads.put(prefix.resolve(relative(checkpoints, file)), file);
        }
        Set<S3Uri> kept = uploads.keySet();
        List<S3Uri> deletes = role.list(prefix, SYNC_UP).stream().map(o -> new S3Uri(prefix.bucket(), o.key()))
                .filter(uri -> !kept.contains(uri)).toList();
        role.upload(uploads, deletes, SYNC_UP);
        return uploads.size();
    }

    /** Downloads every object under the prefix into the (empty) local directory; returns how many. */
    int down(Path checkpoints) throws IOException {
        List<S3Object> objects = role.list(prefix, RESTORE);
        int count = 0;
        for (S3Object object : objects) {
            String relative = object.key().substring(prefix.key().length());
            Path target = checkpoints.resolve(relative).normalize();
            if (relative.isEmpty() || relative.endsWith("/") || !target.startsWith(checkpoints)) {
                continue;
            }
            Files.createDirectories(target.getParent());
            role.download(new S3Uri(prefix.bucket(), object.key()), target, RESTORE);
            count++;
        }
        return count;
    }

    private static List<Path> completeFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith(".tmp"))
                    .sorted().collect(Collectors.toCollection(ArrayList::new));
        }
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
