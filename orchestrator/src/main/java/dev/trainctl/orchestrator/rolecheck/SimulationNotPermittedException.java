package dev.trainctl.orchestrator.rolecheck;

/** The caller may not run the IAM policy simulator on a principal: the role check falls back to the static lint. */
public final class SimulationNotPermittedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String principalArn;

    public SimulationNotPermittedException(String principalArn, Throwable cause) {
        super("iam:SimulatePrincipalPolicy on " + principalArn + " is not allowed for the caller", cause);
        this.principalArn = principalArn;
    }

    public String principalArn() {
        return principalArn;
    }
}
