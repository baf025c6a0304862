package dev.trainctl.orchestrator.emulate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sagemaker.model.MetricDefinition;

/**
 * Applies a job's {@code MetricDefinitions} to the container's output as SageMaker does with its logs: each regex's
 * first group is the metric's value, and the last value seen per metric is what DescribeTrainingJob reports in
 * {@code FinalMetricDataList}. A line that a regex matches without a number is ignored, as SageMaker ignores it.
 */
final class MetricScraper {

    private record Definition(String name, Pattern regex) {}

    private final List<Definition> definitions;
    private final Map<String, Double> last = new LinkedHashMap<>();

    MetricScraper(List<MetricDefinition> definitions) {
        this.definitions = definitions.stream().map(d -> new Definition(d.name(), Pattern.compile(d.regex())))
                .toList();
    }

    void accept(String line) {
        for (Definition definition : definitions) {
            Matcher matcher = definition.regex().matcher(line);
            if (matcher.find() && matcher.groupCount() >= 1 && matcher.group(1) != null) {
                try {
                    last.put(definition.name(), Double.parseDouble(matcher.group(1)));
                } catch (NumberFormatException notANumber) {
                    // SageMaker records only numeric values.
                }
            }
        }
    }

    /** The last value of each metric that matched, in definition order. */
    Map<String, Double> finalValues() {
        Map<String, Double> ordered = new LinkedHashMap<>();
        definitions.forEach(d -> {
            if (last.containsKey(d.name())) {
                ordered.put(d.name(), last.get(d.name()));
            }
        });
        return ordered;
    }

    /** Definitions whose regex never matched a line: on SageMaker, those metrics would simply be missing. */
    List<String> neverMatched() {
        return definitions.stream().filter(d -> !last.containsKey(d.name()))
                .map(d -> d.name() + " (" + d.regex().pattern() + ")").toList();
    }
}
