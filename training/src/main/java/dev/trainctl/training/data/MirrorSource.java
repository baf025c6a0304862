package dev.trainctl.training.data;

import dev.trainctl.training.files.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** An HTTPS mirror that serves each file gzip-compressed as {@code BASE/NAME.gz}. */
public final class MirrorSource implements DataSource {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(5);

    private final URI base;
    private final HttpClient http;

    public MirrorSource(String baseUrl) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public String describe() {
        return base.toString();
    }

    @Override
    public void fetch(List<DataFile> files, Path staging) throws IOException {
        for (DataFile file : files) {
            URI uri = base.resolve(file.gzipName());
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(DOWNLOAD_TIMEOUT).GET().build();
            HttpResponse<InputStream> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while downloading " + uri, e);
            } catch (IOException e) {
                // Connection failures often carry no message: name the exception instead of printing "null".
                String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
                throw new IOException("GET " + uri + " failed: " + reason, e);
            }
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("GET " + uri + " answered HTTP " + response.statusCode());
                }
                AtomicFiles.write(staging.resolve(file.gzipName()), AtomicFiles.SHARED, body::transferTo);
            }
        }
    }
}
