package dev.trainctl.orchestrator.provision;

import dev.trainctl.orchestrator.aws.Change;
import dev.trainctl.orchestrator.names.ResourceNames;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything {@code provision} would do, as values: the changes (exact requests, with diffs for repairs) in the
 * order they run, and notes (steps an endpoint cannot do, things deliberately left alone).
 */
public record ProvisionPlan(ResourceNames names, List<Change> changes, List<String> notes) {

    public ProvisionPlan {
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
    }

    public static ProvisionPlan of(ResourceNames names, List<PlanPart> parts) {
        List<Change> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (PlanPart part : parts) {
            changes.addAll(part.changes());
            notes.addAll(part.notes());
        }
        return new ProvisionPlan(names, changes, notes);
    }

    public boolean noChanges() {
        return changes.isEmpty();
    }
}
