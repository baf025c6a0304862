package dev.trainctl.orchestrator.cli;

/** trainctl's exit codes, one per kind of failure, so scripts and CI can tell them apart (listed in docs/reference.md). */
public enum ExitCode {
    OK(0, "success"),
    FAILURE(1, "unexpected failure (run with -v for the stack trace)"),
    USAGE(2, "bad command line: unknown command or option, an invalid value, or an option that would be dropped"),
    DATA(3, "data set missing, corrupt or not fetchable"),
    DEVICE(4, "no usable device: --device gpu without a usable GPU, or PyTorch natives that do not load"),
    AWS_CREDENTIALS(5, "no AWS credentials, or they are expired or invalid"),
    AWS_ACCESS_DENIED(6, "AWS denied a request: a permission is missing"),
    AWS_CONFLICT(7, "a resource exists but is not ours (e.g. a bucket name taken by another account)"),
    AWS_QUOTA(8, "an AWS service quota is exhausted (ResourceLimitExceeded, or 0 before a job is submitted)"),
    AWS_INVALID(9, "AWS rejected a request as invalid (region, instance type, role trust)"),
    JOB_FAILED(10, "a training job failed"),
    CHECK_FAILED(11, "a check failed (role check, account check, doctor)"),
    INTERRUPTED(130, "interrupted (Ctrl-C)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
