package dev.trainctl.orchestrator.fakes;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** AWS errors as the SDK raises them, for fakes to throw. */
public final class AwsFaults {

    private AwsFaults() {}

    public static AwsServiceException error(int status, String code, String message) {
        return AwsServiceException.builder().statusCode(status).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }

    /** What IAM-authorised APIs answer when a permission is missing, naming the action as AWS does. */
    public static AwsServiceException accessDenied(String action) {
        return error(403, "AccessDeniedException", "User: arn:aws:iam::123456789012:user/alice is not authorized to "
                + "perform: " + action + " because no identity-based policy allows the " + action + " action");
    }

    public static AwsServiceException notImplemented() {
        return error(501, "NotImplemented", "A header you provided implies functionality that is not implemented");
    }
}
