package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.cli.TrainctlException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Asks the person at the terminal before something that costs money; {@code --yes} answers for them. */
@FunctionalInterface
public interface Confirmation {

    /** True to go ahead. */
    boolean confirm(String question);

    /** Always yes: {@code --yes}. */
    static Confirmation assumeYes() {
        return question -> true;
    }

    /**
     * Asks on the terminal (the question on stderr, the answer from stdin); without a terminal there is nobody to
     * ask, so it refuses with a usage error that says to pass {@code --yes}.
     */
    static Confirmation terminal(PrintStream prompt) {
        return question -> {
            if (System.console() == null) {
                throw TrainctlException.usage("--live starts a paid SageMaker job and stdin is not a terminal: "
                        + "pass --yes to confirm");
            }
            prompt.print(question + " [y/N] ");
            prompt.flush();
            try {
                String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                return answer != null && answer.trim().toLowerCase(Locale.ROOT).matches("y|yes");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
