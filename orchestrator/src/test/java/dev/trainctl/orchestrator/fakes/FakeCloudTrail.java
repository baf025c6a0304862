package dev.trainctl.orchestrator.fakes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.DescribeTrailsRequest;
import software.amazon.awssdk.services.cloudtrail.model.DescribeTrailsResponse;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusRequest;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusResponse;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.cloudtrail.model.TrailNotFoundException;

/** CloudTrail with a list of trails and their logging status, found by ARN as AWS requires for shadow trails. */
public final class FakeCloudTrail implements CloudTrailClient {

    public final Answers answers = new Answers();
    public final List<Trail> trails = new ArrayList<>();
    public final Map<String, Boolean> logging = new LinkedHashMap<>();

    /** Adds a trail of account 123456789012 homed in {@code region}. */
    public FakeCloudTrail trail(String name, String region, boolean multiRegion, boolean organization,
            boolean isLogging) {
        String arn = "arn:aws:cloudtrail:" + region + ":123456789012:trail/" + name;
        trails.add(Trail.builder().name(name).trailARN(arn).homeRegion(region).isMultiRegionTrail(multiRegion)
                .isOrganizationTrail(organization).build());
        logging.put(arn, isLogging);
        return this;
    }

    @Override
    public DescribeTrailsResponse describeTrails(DescribeTrailsRequest request) {
        answers.received(request);
        return DescribeTrailsResponse.builder().trailList(trails).build();
    }

    @Override
    public GetTrailStatusResponse getTrailStatus(GetTrailStatusRequest request) {
        answers.received(request);
        Boolean status = logging.get(request.name());
        if (status == null) {
            throw TrailNotFoundException.builder().message("Unknown trail: " + request.name()).statusCode(400)
                    .build();
        }
        return GetTrailStatusResponse.builder().isLogging(status).build();
    }

    @Override
    public String serviceName() {
        return "cloudtrail";
    }

    @Override
    public void close() {
    }
}
