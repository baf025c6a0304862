package dev.trainctl.training.sagemaker;

import dev.trainctl.training.train.MnistTrainer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGTERM into a clean stop. SageMaker sends SIGTERM when a job is stopped or a spot instance is reclaimed,
 * and kills the container a while later. The JVM runs shutdown hooks on SIGTERM; the hook asks the trainer to stop
 * at its next batch boundary, then holds the JVM open (up to a grace period) until the main thread has saved a
 * checkpoint and says it is finished. While the main thread is {@linkplain #idle idle} (loading data: nothing written
 * yet, nothing worth waiting for), the hook instead says what it was given and lets the JVM exit at once.
 */
public final class StopSignal implements AutoCloseable {

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Duration grace;
    private volatile MnistTrainer trainer;
    private volatile boolean requested;
    /** What the hook says and does when the main thread is idle; null while it is busy. */
    private volatile Runnable idle;
    private Thread hook;

    StopSignal(Duration grace) {
        this.grace = grace;
    }

    /** A signal that hears SIGTERM (and Ctrl-C) through a JVM shutdown hook. */
    public static StopSignal onShutdown(Duration grace) {
        StopSignal signal = new StopSignal(grace);
        signal.hook = new Thread(signal::shutdown, "trainctl-sigterm");
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    /** A signal only {@link #request()} raises; for tests. */
    public static StopSignal manual() {
        return new StopSignal(Duration.ZERO);
    }

    /** The trainer to stop; if a stop was already requested, it stops before its first batch. */
    public void attach(MnistTrainer running) {
        trainer = running;
        if (requested) {
            running.requestStop();
        }
    }

    public void detach() {
        trainer = null;
    }

    /**
     * Until {@link #busy()}, a stop runs {@code notice} (saying what is on disk) and the JVM exits without waiting:
     * the main thread is at work that writes nothing, so nothing is lost by ending it.
     */
    public void idle(Runnable notice) {
        idle = notice;
    }

    /** From now on a stop waits (up to the grace period) for the main thread to {@link #finish()}. */
    public void busy() {
        idle = null;
    }

    public void request() {
        requested = true;
        MnistTrainer running = trainer;
        if (running != null) {
            running.requestStop();
        }
    }

    public boolean requested() {
        return requested;
    }

    /**
     * Called by the main thread when it has nothing more to save.
     *
     * @return true if a stop was requested: the JVM may be shutting down, and {@code System.exit} would then block
     */
    public boolean finish() {
        finished.countDown();
        return requested;
    }

    /**
     * Finishes and, unless the JVM is already shutting down, removes the shutdown hook, so a process that trains
     * more than once (tests, a long-lived caller) does not collect hooks.
     */
    @Override
    public void close() {
        finish();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running; it returns now that finish() was called
            }
        }
    }

    private void shutdown() {
        if (finished.getCount() == 0) {
            return;
        }
        request();
        Runnable notice = idle;
        if (notice != null) {
            notice.run();
            return;
        }
        try {
            finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
