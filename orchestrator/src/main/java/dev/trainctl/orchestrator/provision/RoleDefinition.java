package dev.trainctl.orchestrator.provision;

import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.policy.ExecutionRolePolicies;
import dev.trainctl.orchestrator.policy.ServingRolePolicies;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

/**
 * One of the two roles {@code provision} keeps in shape: its name, trust, inline policy, description, and how a
 * plan says what it is for. Both carry the same permissions boundary.
 *
 * @param purpose what the role is for, in the plan's words ("SageMaker training jobs of 'NAME'")
 */
record RoleDefinition(String roleName, String roleArn, String policyName, IamPolicy trust, IamPolicy permissions,
        String description, String purpose, String kind) {

    /** The execution role training jobs run as. */
    static RoleDefinition execution(ProvisionSettings settings) {
        ResourceNames names = settings.names();
        return new RoleDefinition(names.roleName(), names.roleArn(), names.inlinePolicyName(),
                ExecutionRolePolicies.trust(names), ExecutionRolePolicies.permissions(names, settings.security()),
                settings.roleDescription(), "SageMaker training jobs of '" + names.name() + "' in account "
                        + names.account(), "execution role");
    }

    /** The serving role SageMaker assumes for this name's models ({@link ServingRolePolicies}). */
    static RoleDefinition serving(ProvisionSettings settings) {
        ResourceNames names = settings.names();
        return new RoleDefinition(names.servingRoleName(), names.servingRoleArn(), names.servingPolicyName(),
                ServingRolePolicies.trust(names), ServingRolePolicies.permissions(names, settings.kmsKeyArn()),
                "SageMaker serving role for trainctl '" + names.name() + "' models: reads them, nothing else (managed"
                        + " by trainctl)", "SageMaker inference in account " + names.account() + " and region "
                        + names.region() + ", reading only models of '" + names.name() + "'", "serving role");
    }
}
