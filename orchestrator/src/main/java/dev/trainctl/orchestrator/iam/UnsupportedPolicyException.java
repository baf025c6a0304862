package dev.trainctl.orchestrator.iam;

/**
 * A policy document or request uses something the evaluator does not implement, or that AWS does not document well
 * enough to evaluate without guessing (an unknown element or operator, a malformed value). The message names it.
 */
public final class UnsupportedPolicyException extends RuntimeException {

    public UnsupportedPolicyException(String message) {
        super(message);
    }
}
