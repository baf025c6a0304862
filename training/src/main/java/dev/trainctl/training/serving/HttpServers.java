package dev.trainctl.training.serving;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK's HTTP server as trainctl's servers (the container's and the emulated SageMaker Runtime) use it: a slow
 * or half-open client is cut off after {@link #REQUEST_SECONDS}, and there are {@link #THREADS} request threads, so
 * a few clients that never finish a request cannot hold every thread while others wait.
 */
public final class HttpServers {

    /**
     * Seconds from a request's first byte to its answer's first byte. The JDK's server counts the handler's work in
     * it too, so it is the 1-minute invocation timeout plus time to read a 4 MB request.
     */
    public static final int REQUEST_SECONDS = ServingLimits.INVOCATION_TIMEOUT_SECONDS + 15;
    /** Seconds to send an answer (at most 4 MB) to a client that reads it slowly. */
    public static final int RESPONSE_SECONDS = 30;
    /** Request threads: many more than the clients that may be slow at once on a local or SageMaker endpoint. */
    public static final int THREADS = 32;

    static {
        // The JDK's server reads these once, when its first server is created, and without them it waits forever
        // for a request that never completes. A value given on the command line (-D) wins.
        setUnlessGiven("sun.net.httpserver.maxReqTime", REQUEST_SECONDS);
        setUnlessGiven("sun.net.httpserver.maxRspTime", RESPONSE_SECONDS);
        // Without it the server leaves Nagle's algorithm on, and a small answer waits for the client's delayed ACK
        // (up to 40 ms on Linux) before it leaves.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** A started server and its request threads. */
    public record Running(HttpServer server, ExecutorService workers) {

        public int port() {
            return server.getAddress().getPort();
        }

        /** Stops accepting, lets requests in flight finish for up to {@code seconds}, and ends the threads. */
        public void stop(int seconds) {
            server.stop(seconds);
            workers.shutdownNow();
        }
    }

    private HttpServers() {}

    /** Listens on {@code address}, every path to {@code handler}; the threads are named {@code name-N}. */
    public static Running start(InetSocketAddress address, String name, HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(address, 64);
        AtomicInteger n = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(THREADS, r -> {
            Thread thread = new Thread(r, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", handler);
        server.setExecutor(workers);
        server.start();
        return new Running(server, workers);
    }

    private static void setUnlessGiven(String property, int seconds) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, Integer.toString(seconds));
        }
    }
}
