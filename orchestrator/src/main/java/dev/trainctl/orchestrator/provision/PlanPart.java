package dev.trainctl.orchestrator.provision;

import dev.trainctl.orchestrator.aws.Change;
import java.util.List;

/** One resource's share of a plan: the changes to make and notes for people (things left alone, and why). */
public record PlanPart(List<Change> changes, List<String> notes) {

    public PlanPart {
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
    }
}
