package dev.trainctl.orchestrator.rolecheck;

/** The outcome of one check, in order of severity: the worst one decides the exit code. */
public enum Verdict {
    PASS,
    WARN,
    FAIL;

    /** The more severe of the two. */
    public Verdict worst(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
