package dev.trainctl.orchestrator.account;

import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.aws.AwsRequestJson;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.TrainctlException;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;

/**
 * The quota check that {@code train --on sagemaker} and {@code role check --live} run before they upload data: a
 * quota of 0 for the training instance type stops the command with {@link ExitCode#AWS_QUOTA}, the quota's name and
 * code and how to request more, instead of a {@code ResourceLimitExceeded} after the upload. A caller who may not
 * read quotas gets a note and the command goes on; AWS still enforces the quota at submit.
 */
public final class QuotaPreflight {

    private final ServiceQuotasClient quotas;
    private final Console console;

    public QuotaPreflight(ServiceQuotasClient quotas, Console console) {
        this.quotas = quotas;
        this.console = console;
    }

    /**
     * Checks the quota for training jobs on {@code instanceType} in {@code region}. Under {@code --dry-run} it prints
     * the request it would make and sends nothing.
     *
     * @return the quota when it was read
     * @throws TrainctlException {@link ExitCode#AWS_QUOTA} when the quota is 0
     */
    public Optional<TrainingQuota> check(String instanceType, boolean spot, String region, boolean dryRun) {
        String name = TrainingQuotas.quotaName(instanceType, spot);
        if (dryRun) {
            console.warn("--dry-run: before any upload, the quota '" + name + "' would be read with this request "
                    + "(not sent; a quota of 0 stops the command with exit 8):");
            console.warn(AwsRequestJson.print(TrainingQuotas.request(), AwsRequestJson.Form.READABLE));
            return Optional.empty();
        }
        Optional<TrainingQuota> quota;
        try {
            quota = new TrainingQuotas(quotas).find(name);
        } catch (SdkException e) {
            String why = AwsErrors.isAccessDenied(e) ? "you may not servicequotas:ListServiceQuotas ('trainctl policy "
                    + "show account' grants it)" : AwsErrors.translate(e, "servicequotas:ListServiceQuotas",
                            TrainingQuotas.SERVICE_CODE).getMessage();
            console.warn("note: quota pre-flight skipped: " + why + "; SageMaker still checks '" + name + "' when the "
                    + "job is submitted");
            return Optional.empty();
        }
        if (quota.isEmpty()) {
            console.warn("note: Service Quotas lists no quota named '" + name + "' in " + region + "; SageMaker "
                    + "checks it when the job is submitted");
            return quota;
        }
        if (quota.get().exhausted()) {
            throw AwsErrors.quotaExhausted(quota.get().name(), quota.get().code(), quota.get().value(), region,
                    TrainingQuotas.SERVICE_CODE);
        }
        console.warn("quota: " + quota.get().describe() + " in " + region);
        return quota;
    }
}
