package dev.trainctl.training.serving;

import java.util.List;
import java.util.Optional;

/** An inference server with a stub model in a JVM of its own, until its standard input ends; prints its port. */
final class StubServer {

    private StubServer() {}

    public static void main(String[] args) throws Exception {
        Predictor zero = batch -> List.of(Prediction.of(new float[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
        try (InferenceServer server = InferenceServer.start("127.0.0.1", 0, 1, zero, Optional.empty(),
                System.err::println)) {
            System.out.println("port " + server.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the test closes the pipe
            }
        }
    }
}
