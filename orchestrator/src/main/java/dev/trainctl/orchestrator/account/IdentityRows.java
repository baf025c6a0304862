package dev.trainctl.orchestrator.account;

import dev.trainctl.orchestrator.aws.CallerIdentity;
import dev.trainctl.orchestrator.rolecheck.CheckResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.ListAccessKeysRequest;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesRequest;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * Checks 1 and 3: who the caller is, and for an IAM user its access keys' age and whether it has an MFA device.
 * The STS ARN tells the kinds apart: {@code arn:aws:iam::ACCOUNT:root}, {@code arn:aws:iam::ACCOUNT:user/PATH/NAME},
 * {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION} (IAM Identity Center roles are named
 * {@code AWSReservedSSO_PERMISSIONSET_ID}), {@code arn:aws:sts::ACCOUNT:federated-user/NAME}.
 */
final class IdentityRows {

    static final String CALLER = "identity.caller";
    static final String MFA = "identity.mfa";
    /** The prefix IAM Identity Center gives the roles it creates for permission sets. */
    static final String SSO_ROLE_PREFIX = "AWSReservedSSO_";
    /** AWS's security best practices suggest rotating long-lived access keys regularly; 90 days is the common bar. */
    static final int ROTATE_AFTER_DAYS = 90;

    private final IamClient iam;
    private final Instant now;

    IdentityRows(IamClient iam, Instant now) {
        this.iam = iam;
        this.now = now;
    }

    List<CheckResult> rows(CallerIdentity caller) {
        return switch (caller.kind()) {
            case ROOT -> List.of(CheckResult.fail(CALLER, "you are the account's root user (" + caller.arn() + "), "
                    + "which can do anything and cannot be limited by IAM policies", "stop using root for daily work: "
                    + "sign in through IAM Identity Center ('aws configure sso') or assume a role that has 'trainctl "
                    + "policy show caller', and keep root for the few tasks only it can do"),
                    CheckResult.pass(MFA, "root's MFA is checked in the root.mfa row"));
            case USER -> List.of(user(caller), mfa(userName(caller)));
            case ASSUMED_ROLE -> List.of(assumedRole(caller), notAUser());
            case FEDERATED_USER -> List.of(CheckResult.pass(CALLER, "federated user " + caller.principalName()
                    + ": temporary credentials (sts:GetFederationToken)"), notAUser());
            case OTHER -> List.of(CheckResult.warn(CALLER, "unrecognised principal " + caller.arn(), "run 'trainctl "
                    + "whoami' and check which credentials the SDK picked up"), notAUser());
        };
    }

    private CheckResult assumedRole(CallerIdentity caller) {
        String[] roleAndSession = caller.principalName().split("/", 2);
        String role = roleAndSession[0];
        String session = roleAndSession.length > 1 ? roleAndSession[1] : "";
        if (role.startsWith(SSO_ROLE_PREFIX)) {
            String permissionSet = role.substring(SSO_ROLE_PREFIX.length()).replaceFirst("_[0-9a-f]+$", "");
            return CheckResult.pass(CALLER, "IAM Identity Center session of " + session + " (permission set "
                    + permissionSet + "): temporary credentials, nothing long-lived to leak");
        }
        return CheckResult.pass(CALLER, "assumed role " + role + " (session " + session + "): temporary credentials "
                + "that expire");
    }

    private CheckResult user(CallerIdentity caller) {
        String user = userName(caller);
        List<AccessKeyMetadata> keys;
        try {
            keys = iam.listAccessKeysPaginator(ListAccessKeysRequest.builder().userName(user).build())
                    .accessKeyMetadata().stream().filter(k -> k.status() == StatusType.ACTIVE).toList();
        } catch (SdkException e) {
            CheckResult unreadable = Unreadable.row(CALLER, "the access keys of IAM user " + user, "iam:ListAccessKeys",
                    caller.arn(), e);
            return CheckResult.warn(CALLER, "IAM user " + user + " with long-lived credentials; "
                    + unreadable.reason(), unreadable.fix());
        }
        String advice = "prefer IAM Identity Center ('aws configure sso') or a role you assume, whose credentials "
                + "expire; if keys must stay, rotate them every " + ROTATE_AFTER_DAYS + " days ("
                + "'aws iam create-access-key --user-name " + user + "', switch, then 'aws iam delete-access-key')";
        if (keys.isEmpty()) {
            return CheckResult.warn(CALLER, "IAM user " + user + " (no active access key listed; these credentials "
                    + "may be a session of the user)", advice);
        }
        String ages = keys.stream().map(this::describe).collect(Collectors.joining(", "));
        return CheckResult.warn(CALLER, "IAM user " + user + " with " + keys.size() + " long-lived access key(s): "
                + ages, advice);
    }

    private CheckResult mfa(String user) {
        int devices;
        try {
            devices = (int) iam.listMFADevicesPaginator(ListMfaDevicesRequest.builder().userName(user).build())
                    .mfaDevices().stream().count();
        } catch (SdkException e) {
            return Unreadable.row(MFA, "the MFA devices of IAM user " + user, "iam:ListMFADevices", user, e);
        }
        if (devices == 0) {
            return CheckResult.warn(MFA, "IAM user " + user + " has no MFA device", "assign one: IAM console > Users > "
                    + user + " > Security credentials > Assign MFA device (and require it for sensitive actions)");
        }
        return CheckResult.pass(MFA, "IAM user " + user + " has " + devices + " MFA device(s)");
    }

    private String describe(AccessKeyMetadata key) {
        long days = key.createDate() == null ? -1 : Duration.between(key.createDate(), now).toDays();
        String id = key.accessKeyId() == null || key.accessKeyId().length() < 8 ? "key"
                : key.accessKeyId().substring(0, 4) + "..." + key.accessKeyId().substring(key.accessKeyId().length() - 4);
        return id + (days < 0 ? "" : " " + days + " days old" + (days > ROTATE_AFTER_DAYS ? " (rotate it)" : ""));
    }

    private static CheckResult notAUser() {
        return CheckResult.pass(MFA, "not an IAM user: MFA is enforced where these temporary credentials were issued");
    }

    /** The user name is the ARN's last path segment ({@code user/division/alice} is user {@code alice}). */
    static String userName(CallerIdentity caller) {
        String resource = caller.principalName();
        return resource.substring(resource.lastIndexOf('/') + 1);
    }
}
