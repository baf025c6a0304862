package dev.trainctl.orchestrator.aws;

import java.time.Duration;

/** Waits for a while; injected so that tests never sleep. */
@FunctionalInterface
public interface Sleeper {

    /** The real thing: {@link Thread#sleep}. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    /** Returns at once; for tests. */
    Sleeper NONE = duration -> { };

    void sleep(Duration duration) throws InterruptedException;
}
