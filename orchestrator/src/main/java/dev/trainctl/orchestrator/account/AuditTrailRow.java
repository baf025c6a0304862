package dev.trainctl.orchestrator.account;

import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.rolecheck.CheckResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.DescribeTrailsRequest;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusRequest;
import software.amazon.awssdk.services.cloudtrail.model.Trail;

/**
 * Check 4: a CloudTrail trail that is logging and covers every region. {@code DescribeTrails} with
 * {@code includeShadowTrails} lists the trails of this region plus the shadows of multi-region and organization
 * trails homed elsewhere; {@code GetTrailStatus} is asked by ARN, which AWS requires for shadow trails and for an
 * organization trail seen from a member account.
 */
final class AuditTrailRow {

    static final String CHECK = "audit.cloudtrail";

    private final CloudTrailClient cloudTrail;

    AuditTrailRow(CloudTrailClient cloudTrail) {
        this.cloudTrail = cloudTrail;
    }

    /** A trail and whether it is logging; empty when its status could not be read. */
    private record Status(Trail trail, Optional<Boolean> logging) {
        boolean multiRegion() {
            return Boolean.TRUE.equals(trail.isMultiRegionTrail());
        }

        String describe() {
            return "trail " + trail.name() + " (" + (multiRegion() ? "all regions" : "only " + trail.homeRegion())
                    + (Boolean.TRUE.equals(trail.isOrganizationTrail()) ? ", organization trail" : "")
                    + ", home " + trail.homeRegion() + ")";
        }
    }

    CheckResult row(String region) {
        List<Trail> trails;
        try {
            trails = cloudTrail.describeTrails(DescribeTrailsRequest.builder().includeShadowTrails(true).build())
                    .trailList();
        } catch (SdkException e) {
            return Unreadable.row(CHECK, "CloudTrail trails", "cloudtrail:DescribeTrails", region, e);
        }
        if (trails.isEmpty()) {
            return CheckResult.warn(CHECK, "no CloudTrail trail: API calls are kept only 90 days in Event history, "
                    + "and nowhere you control", "create one that covers every region: CloudTrail console > Trails > "
                    + "Create trail (it also creates the bucket and its policy), or 'aws cloudtrail create-trail "
                    + "--name audit --s3-bucket-name BUCKET --is-multi-region-trail' and 'aws cloudtrail "
                    + "start-logging --name audit'");
        }
        List<Status> statuses = new ArrayList<>();
        boolean statusDenied = false;
        for (Trail trail : trails) {
            try {
                statuses.add(new Status(trail, Optional.ofNullable(cloudTrail.getTrailStatus(GetTrailStatusRequest
                        .builder().name(trail.trailARN()).build()).isLogging())));
            } catch (SdkException e) {
                if (AwsErrors.isCredentialsProblem(e)) {
                    throw AwsErrors.translate(e, "cloudtrail:GetTrailStatus", trail.trailARN());
                }
                statusDenied |= AwsErrors.isAccessDenied(e);
                statuses.add(new Status(trail, Optional.empty()));
            }
        }
        Optional<Status> covering = statuses.stream()
                .filter(s -> s.multiRegion() && s.logging().orElse(false)).findFirst();
        if (covering.isPresent()) {
            return CheckResult.pass(CHECK, covering.get().describe() + " is logging");
        }
        Optional<Status> unknown = statuses.stream().filter(s -> s.multiRegion() && s.logging().isEmpty()).findFirst();
        if (unknown.isPresent()) {
            return CheckResult.warn(CHECK, unknown.get().describe() + " exists, but its status could not be read"
                    + (statusDenied ? ": you may not cloudtrail:GetTrailStatus" : ""), Unreadable.POLICY_HINT);
        }
        Optional<Status> stopped = statuses.stream().filter(Status::multiRegion).findFirst();
        if (stopped.isPresent()) {
            return CheckResult.warn(CHECK, stopped.get().describe() + " is not logging", "'aws cloudtrail "
                    + "start-logging --name " + stopped.get().trail().trailARN() + "' (in its home region "
                    + stopped.get().trail().homeRegion() + ")");
        }
        return CheckResult.warn(CHECK, statuses.get(0).describe() + (trails.size() > 1 ? " and " + (trails.size() - 1)
                + " more" : "") + ": no trail covers every region, so calls in other regions go unrecorded",
                "'aws cloudtrail update-trail --name " + statuses.get(0).trail().trailARN() + " --is-multi-region-trail'");
    }
}
