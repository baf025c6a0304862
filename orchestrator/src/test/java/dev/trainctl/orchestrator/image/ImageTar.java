package dev.trainctl.orchestrator.image;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** A docker-load tar as jib writes it, read back: its manifest, its config and the files in its layers. */
record ImageTar(Map<String, byte[]> entries) {

    /** A file in a layer: its mode bits and content. */
    record LayerFile(int mode, byte[] content) {}

    static ImageTar read(Path tar) throws IOException {
        try (InputStream in = Files.newInputStream(tar)) {
            return new ImageTar(entries(in));
        }
    }

    JsonObject manifest() {
        return JsonParser.parseString(new String(entries.get("manifest.json"), StandardCharsets.UTF_8))
                .getAsJsonArray().get(0).getAsJsonObject();
    }

    JsonObject config() {
        return JsonParser.parseString(new String(entries.get(manifest().get("Config").getAsString()),
                StandardCharsets.UTF_8)).getAsJsonObject();
    }

    /** Every layer's files and folders by their path in the image, without leading or trailing slash. */
    Map<String, LayerFile> files() throws IOException {
        Map<String, LayerFile> files = new LinkedHashMap<>();
        for (String layer : strings(manifest().getAsJsonArray("Layers"))) {
            try (TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(
                    new ByteArrayInputStream(entries.get(layer))))) {
                for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
                    files.put(entry.getName().replaceFirst("^/", "").replaceFirst("/$", ""),
                            new LayerFile(entry.getMode(), in.readAllBytes()));
                }
            }
        }
        return files;
    }

    static List<String> strings(JsonArray array) {
        List<String> values = new ArrayList<>();
        array.forEach(e -> values.add(e.getAsString()));
        return values;
    }

    private static Map<String, byte[]> entries(InputStream stream) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(stream)) {
            for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
