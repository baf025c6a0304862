package dev.trainctl.orchestrator.teardown;

import dev.trainctl.orchestrator.aws.Change;
import dev.trainctl.orchestrator.names.ResourceNames;
import java.util.List;

/**
 * What {@code teardown} would delete, in order, what it leaves alone and why (notes), and what stops it altogether
 * (blockers: data that only {@code --delete-data} may remove).
 */
public record TeardownPlan(ResourceNames names, List<Change> changes, List<String> notes, List<String> blockers) {

    public TeardownPlan {
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
        blockers = List.copyOf(blockers);
    }
}
