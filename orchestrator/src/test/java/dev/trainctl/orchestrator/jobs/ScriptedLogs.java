package dev.trainctl.orchestrator.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * CloudWatch Logs as a test scripts it: streams appear and grow when the test says so. Tokens are positions, and
 * a page holds at most two events, so paging is exercised; as in CloudWatch, the end returns the token it was given.
 */
public final class ScriptedLogs implements CloudWatchLogsClient {

    final Map<String, List<String>> streams = new LinkedHashMap<>();
    public final List<Object> requests = new ArrayList<>();
    public boolean groupExists = true;

    public void append(String stream, String... messages) {
        streams.computeIfAbsent(stream, s -> new ArrayList<>()).addAll(List.of(messages));
    }

    @Override
    public DescribeLogStreamsResponse describeLogStreams(DescribeLogStreamsRequest request) {
        requests.add(request);
        if (!groupExists) {
            throw ResourceNotFoundException.builder().message("The specified log group does not exist.").build();
        }
        return DescribeLogStreamsResponse.builder().logStreams(streams.keySet().stream()
                .filter(name -> name.startsWith(request.logStreamNamePrefix()))
                .map(name -> LogStream.builder().logStreamName(name).build()).toList()).build();
    }

    @Override
    public GetLogEventsResponse getLogEvents(GetLogEventsRequest request) {
        requests.add(request);
        List<String> events = streams.get(request.logStreamName());
        int from = request.nextToken() == null ? 0 : Integer.parseInt(request.nextToken().substring(2));
        int to = Math.min(events.size(), from + 2);
        return GetLogEventsResponse.builder()
                .events(events.subList(from, to).stream().map(m -> OutputLogEvent.builder().message(m).build()).toList())
                .nextForwardToken("f/" + to)
                .build();
    }

    @Override
    public String serviceName() {
        return "logs";
    }

    @Override
    public void close() {}
}
