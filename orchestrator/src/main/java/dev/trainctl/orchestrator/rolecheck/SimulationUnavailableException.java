package dev.trainctl.orchestrator.rolecheck;

/**
 * The IAM policy simulator cannot be used for a principal: the caller may not call it, or the endpoint does not
 * offer it (an AWS-compatible server answering "not implemented" or with a server error). The role check then warns
 * and goes on with its other checks, instead of failing.
 */
public final class SimulationUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String principalArn;
    private final boolean denied;

    private SimulationUnavailableException(String principalArn, boolean denied, String why, Throwable cause) {
        super(why, cause);
        this.principalArn = principalArn;
        this.denied = denied;
    }

    /** IAM denied the caller {@code iam:SimulatePrincipalPolicy} on the principal. */
    public static SimulationUnavailableException notPermitted(String principalArn, Throwable cause) {
        return new SimulationUnavailableException(principalArn, true, "the caller lacks iam:SimulatePrincipalPolicy on "
                + principalArn, cause);
    }

    /** The endpoint has no working policy simulator; {@code answer} is what it said. */
    public static SimulationUnavailableException notOffered(String principalArn, String answer, Throwable cause) {
        return new SimulationUnavailableException(principalArn, false, "the endpoint has no IAM policy simulator ("
                + answer + ")", cause);
    }

    /** Whether IAM refused the caller the simulator (rather than the endpoint having none). */
    public boolean denied() {
        return denied;
    }

    public String principalArn() {
        return principalArn;
    }

    /** What would make the simulation work. */
    public String fix() {
        return denied ? "allow the caller iam:SimulatePrincipalPolicy on " + principalArn
                + " ('trainctl policy show rolecheck' prints the read-only policy role check needs)"
                : "run the role check against AWS IAM (without --endpoint-url) to have the simulation done";
    }
}
