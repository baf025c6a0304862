package dev.trainctl.orchestrator.fakes;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/** CloudWatch (us-east-1) with a list of metric alarms. */
public final class FakeCloudWatch implements CloudWatchClient {

    public final Answers answers = new Answers();
    public final List<MetricAlarm> alarms = new ArrayList<>();

    /** Adds an alarm on a metric. */
    public FakeCloudWatch alarm(String name, String namespace, String metric, double threshold) {
        alarms.add(MetricAlarm.builder().alarmName(name).namespace(namespace).metricName(metric).threshold(threshold)
                .build());
        return this;
    }

    @Override
    public DescribeAlarmsResponse describeAlarms(DescribeAlarmsRequest request) {
        answers.received(request);
        return DescribeAlarmsResponse.builder().metricAlarms(alarms).build();
    }

    @Override
    public String serviceName() {
        return "cloudwatch";
    }

    @Override
    public void close() {
    }
}
