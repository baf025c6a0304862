package dev.trainctl.orchestrator.rolecheck;

/** What a simulated request must come out as: a training job needs it (ALLOWED) or must never do it (DENIED). */
public enum Expectation {
    ALLOWED,
    DENIED
}
