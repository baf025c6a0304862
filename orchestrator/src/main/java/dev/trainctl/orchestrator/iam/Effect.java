package dev.trainctl.orchestrator.iam;

/** A statement's {@code Effect}. */
public enum Effect {
    ALLOW, DENY
}
