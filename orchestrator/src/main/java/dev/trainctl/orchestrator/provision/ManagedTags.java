package dev.trainctl.orchestrator.provision;

import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.names.ResourceNames.Tag;
import java.util.Map;
import java.util.Optional;

/** How trainctl recognises its own resources: {@code managed-by=trainctl} and {@code trainctl:name=NAME}. */
public final class ManagedTags {

    private ManagedTags() {}

    /** Who manages a resource, from its tags. */
    public enum Owner { THIS_NAME, OTHER_NAME, NOT_TRAINCTL }

    public static Owner owner(Map<String, String> tags, ResourceNames names) {
        if (!Tag.TRAINCTL.equals(tags.get(Tag.MANAGED_BY))) {
            return Owner.NOT_TRAINCTL;
        }
        return names.name().equals(tags.get(Tag.NAME)) ? Owner.THIS_NAME : Owner.OTHER_NAME;
    }

    /** The trainctl name a resource is tagged with, if any. */
    public static Optional<String> name(Map<String, String> tags) {
        return Optional.ofNullable(tags.get(Tag.NAME));
    }
}
