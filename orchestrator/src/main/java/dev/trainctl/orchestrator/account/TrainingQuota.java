package dev.trainctl.orchestrator.account;

import java.util.Objects;

/**
 * One SageMaker training-instance quota as Service Quotas reports it.
 *
 * @param name e.g. {@code ml.t3.medium for training job usage}
 * @param code the quota code found for that name at run time (e.g. {@code L-...}), never assumed
 * @param value how many instances of the type training jobs may use at once in the region
 * @param applied true when the value is the account's applied value, false when only AWS's default was listed
 */
public record TrainingQuota(String name, String code, double value, boolean applied) {

    public TrainingQuota {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(code, "code");
        if (value < 0) {
            throw new IllegalArgumentException("a quota value is never negative: " + value);
        }
    }

    /** Whether no job on this instance type can start. */
    public boolean exhausted() {
        return value < 1;
    }

    /** The value as people write it: 0, 4, 2.5. */
    public String valueText() {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** {@code 'ml.t3.medium for training job usage' (sagemaker L-XXXX) is 4 (applied value)}. */
    public String describe() {
        return "'" + name + "' (" + TrainingQuotas.SERVICE_CODE + " " + code + ") is " + valueText()
                + (applied ? " (applied value)" : " (AWS default; the account has no applied value)");
    }
}
