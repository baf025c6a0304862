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

    public static AwsServiceException notImplemented() {
        return error(501, "NotImplemented", "A header you provided implies functionality that is not implemented");
    }
}
