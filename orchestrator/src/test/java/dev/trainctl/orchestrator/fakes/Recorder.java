package dev.trainctl.orchestrator.fakes;

import dev.trainctl.orchestrator.aws.AwsActions;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkRequest;

/** The requests a fake received, in order. */
public final class Recorder {

    private final List<SdkRequest> requests = new ArrayList<>();

    public synchronized void add(SdkRequest request) {
        requests.add(request);
    }

    public synchronized List<SdkRequest> all() {
        return List.copyOf(requests);
    }

    public synchronized List<SdkRequest> mutating() {
        return requests.stream().filter(r -> !AwsActions.isReadOnly(r)).toList();
    }

    public synchronized List<String> mutatingOperations() {
        return mutating().stream().map(AwsActions::operation).toList();
    }

    public synchronized <T extends SdkRequest> List<T> of(Class<T> type) {
        return requests.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public synchronized void clear() {
        requests.clear();
    }
}
