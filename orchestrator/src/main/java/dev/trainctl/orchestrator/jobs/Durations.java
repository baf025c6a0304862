package dev.trainctl.orchestrator.jobs;

/** Seconds as people read them: {@code 1h}, {@code 25m 10s}, {@code 42s}. */
final class Durations {

    private Durations() {}

    static String human(long seconds) {
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        StringBuilder text = new StringBuilder();
        if (h > 0) {
            text.append(h).append('h');
        }
        if (m > 0) {
            text.append(text.isEmpty() ? "" : " ").append(m).append('m');
        }
        if (s > 0 || text.isEmpty()) {
            text.append(text.isEmpty() ? "" : " ").append(s).append('s');
        }
        return text.toString();
    }
}
