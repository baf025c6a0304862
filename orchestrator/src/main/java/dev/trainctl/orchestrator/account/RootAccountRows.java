package dev.trainctl.orchestrator.account;

import dev.trainctl.orchestrator.rolecheck.CheckResult;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryRequest;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;

/**
 * Check 2: the root user's access keys and MFA, from {@code iam:GetAccountSummary}, whose {@code SummaryMap} has
 * {@code AccountAccessKeysPresent} (1 when root has access keys) and {@code AccountMFAEnabled} (1 when root has MFA).
 */
final class RootAccountRows {

    static final String KEYS = "root.access-keys";
    static final String MFA = "root.mfa";

    private final IamClient iam;

    RootAccountRows(IamClient iam) {
        this.iam = iam;
    }

    List<CheckResult> rows() {
        Map<SummaryKeyType, Integer> summary;
        try {
            summary = iam.getAccountSummary(GetAccountSummaryRequest.builder().build()).summaryMap();
        } catch (SdkException e) {
            return List.of(Unreadable.row(KEYS, "the root user's access keys", "iam:GetAccountSummary", "the account", e),
                    Unreadable.row(MFA, "the root user's MFA", "iam:GetAccountSummary", "the account", e));
        }
        int keys = summary.getOrDefault(SummaryKeyType.ACCOUNT_ACCESS_KEYS_PRESENT, 0);
        int mfa = summary.getOrDefault(SummaryKeyType.ACCOUNT_MFA_ENABLED, 0);
        CheckResult keysRow = keys > 0
                ? CheckResult.fail(KEYS, "the root user has access keys (AccountAccessKeysPresent=" + keys + "): "
                        + "anyone who finds them owns the account", "sign in as root > Security credentials > Access "
                        + "keys > Delete; root needs no access keys for daily work")
                : CheckResult.pass(KEYS, "the root user has no access keys (AccountAccessKeysPresent=0)");
        CheckResult mfaRow = mfa > 0
                ? CheckResult.pass(MFA, "the root user has MFA (AccountMFAEnabled=1)")
                : CheckResult.fail(MFA, "the root user has no MFA (AccountMFAEnabled=0): its password alone opens "
                        + "the account", "sign in as root > Security credentials > Multi-factor authentication > "
                        + "Assign MFA device");
        return List.of(keysRow, mfaRow);
    }
}
