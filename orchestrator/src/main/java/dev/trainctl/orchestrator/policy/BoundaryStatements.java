package dev.trainctl.orchestrator.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.policybuilder.iam.IamCondition;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * Puts the execution role's and the serving role's statements into one boundary without repeating what both have.
 * Only merges that allow exactly what the statements allowed apart (IAM allows a request if any statement does):
 * <ul>
 * <li>the same actions and conditions: one statement on both resource lists (every action has both before);</li>
 * <li>the same actions and resources, conditions alike but for the values of one key and operator: one statement
 *     with both values (a condition with several values matches any of them);</li>
 * <li>a statement whose actions another has, on the same resources and conditions: dropped.</li>
 * </ul>
 * Allow statements without NotAction/NotResource/Principal only, as trainctl writes them.
 */
final class BoundaryStatements {

    /** The Sid of a training statement once a serving statement is merged into it. */
    private static final Map<String, String> MERGED_SIDS = Map.of(
            "ReadTrainingData", "ReadTrainingDataAndModels",
            "PullTrainingImage", "PullTheImage",
            "UseTheTrainingLogGroup", "UseTheLogGroups",
            "WriteTrainingLogs", "WriteTheLogs",
            "PublishTrainingMetrics", "PublishTheMetrics");

    private BoundaryStatements() {}

    static IamPolicy merge(List<IamStatement> role, List<IamStatement> serving) {
        List<IamStatement> merged = new ArrayList<>(role);
        for (IamStatement next : serving) {
            boolean absorbed = false;
            for (int i = 0; i < merged.size() && !absorbed; i++) {
                IamStatement into = merged.get(i);
                IamStatement combined = combine(into, next);
                if (combined != null) {
                    String sid = combined == into ? into.sid() : MERGED_SIDS.getOrDefault(into.sid(), into.sid());
                    merged.set(i, combined.toBuilder().sid(sid).build());
                    absorbed = true;
                }
            }
            if (!absorbed) {
                merged.add(next);
            }
        }
        return IamPolicy.builder().version(ExecutionRolePolicies.VERSION).statements(merged).build();
    }

    /** One statement allowing what {@code a} or {@code b} allows, or null when there is none. */
    static IamStatement combine(IamStatement a, IamStatement b) {
        if (!plain(a) || !plain(b)) {
            return null;
        }
        Set<String> actionsA = set(a.actions().stream().map(x -> x.value()).toList());
        Set<String> actionsB = set(b.actions().stream().map(x -> x.value()).toList());
        Set<String> resourcesA = set(a.resources().stream().map(x -> x.value()).toList());
        Set<String> resourcesB = set(b.resources().stream().map(x -> x.value()).toList());
        Set<List<String>> conditionsA = conditions(a);
        Set<List<String>> conditionsB = conditions(b);
        if (conditionsA.equals(conditionsB) && resourcesA.equals(resourcesB) && actionsA.containsAll(actionsB)) {
            return a;
        }
        if (conditionsA.equals(conditionsB) && actionsA.equals(actionsB)) {
            Set<String> resources = new LinkedHashSet<>(resourcesA);
            resources.addAll(resourcesB);
            return a.toBuilder().resourceIds(List.copyOf(resources)).build();
        }
        if (actionsA.equals(actionsB) && resourcesA.equals(resourcesB)) {
            return oneKeyApart(a, b);
        }
        return null;
    }

    private static IamStatement oneKeyApart(IamStatement a, IamStatement b) {
        Map<List<String>, List<String>> valuesA = byKey(a);
        Map<List<String>, List<String>> valuesB = byKey(b);
        if (!valuesA.keySet().equals(valuesB.keySet())) {
            return null;
        }
        List<List<String>> differing = valuesA.keySet().stream()
                .filter(key -> !set(valuesA.get(key)).equals(set(valuesB.get(key)))).toList();
        if (differing.size() != 1) {
            return null;
        }
        List<String> key = differing.get(0);
        List<IamCondition> conditions = new ArrayList<>(a.conditions());
        b.conditions().stream().filter(c -> List.of(c.operator().value(), c.key().value()).equals(key))
                .filter(c -> !valuesA.get(key).contains(c.value()))
                .forEach(conditions::add);
        return a.toBuilder().conditions(conditions).build();
    }

    private static boolean plain(IamStatement s) {
        return s.effect() == IamEffect.ALLOW && s.principals().isEmpty() && s.notPrincipals().isEmpty()
                && s.notActions().isEmpty() && s.notResources().isEmpty();
    }

    private static Set<List<String>> conditions(IamStatement s) {
        return s.conditions().stream().map(c -> List.of(c.operator().value(), c.key().value(), c.value()))
                .collect(Collectors.toSet());
    }

    private static Map<List<String>, List<String>> byKey(IamStatement s) {
        return s.conditions().stream().collect(Collectors.groupingBy(c -> List.of(c.operator().value(),
                c.key().value()), Collectors.mapping(IamCondition::value, Collectors.toList())));
    }

    private static Set<String> set(List<String> values) {
        return new LinkedHashSet<>(values);
    }
}
