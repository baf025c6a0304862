package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.policy.CallerPolicy;
import dev.trainctl.orchestrator.policy.ExecutionRolePolicies;
import dev.trainctl.orchestrator.policy.ServingRolePolicies;
import dev.trainctl.orchestrator.roles.PolicyDocument;
import dev.trainctl.orchestrator.roles.RoleArn;
import dev.trainctl.orchestrator.roles.RoleDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** The test corpus: trainctl's own documents (built by the provisioning code) and the files in resources/rolecheck. */
final class Corpus {

    static final String ACCOUNT = "111122223333";
    static final String REGION = "us-east-1";
    static final ResourceNames NAMES = ResourceNames.of("aws", ACCOUNT, REGION, ResourceNames.DEFAULT_NAME);
    static final RoleArn ROLE = RoleArn.parse(NAMES.roleArn());
    static final JobScope SCOPE = new JobScope("aws", ACCOUNT, REGION, NAMES.bucket(), NAMES.name(),
            NAMES.repository());
    /** A role-check job name as trainctl generates it: trainctl's policies admit only such names. */
    static final String JOB_NAME = "trainctl-mnist-rolecheck-20261125-100000-000";
    /** The tuning job 'tune' would start at the same time. */
    static final String TUNING_JOB_NAME = "trainctl-mnist-261125-100000";
    static final String CALLER = "arn:aws:iam::" + ACCOUNT + ":user/alice";
    static final String SAGEMAKER_FULL_ACCESS = "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess";
    static final String S3_FULL_ACCESS = "arn:aws:iam::aws:policy/AmazonS3FullAccess";

    private Corpus() {}

    static String read(String file) {
        try (InputStream in = Corpus.class.getResourceAsStream("/rolecheck/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource rolecheck/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PolicyDocument oursTrust() {
        return PolicyDocument.trust(ExecutionRolePolicies.trust(NAMES).toJson());
    }

    static PolicyDocument oursPermissions() {
        return PolicyDocument.inline(NAMES.inlinePolicyName(), ExecutionRolePolicies.permissions(NAMES).toJson());
    }

    static PolicyDocument sageMakerFullAccess() {
        return PolicyDocument.managed(SAGEMAKER_FULL_ACCESS, read("amazon-sagemaker-full-access.json"));
    }

    static PolicyDocument s3FullAccess() {
        return PolicyDocument.managed(S3_FULL_ACCESS, read("amazon-s3-full-access.json"));
    }

    static PolicyDocument inlineFile(String name, String file) {
        return PolicyDocument.inline(name, read(file));
    }

    /** The role trainctl provisions, exactly as the provisioning code writes it. */
    static RoleDocuments ours() {
        return role(oursTrust(), oursPermissions());
    }

    static RoleDocuments role(PolicyDocument trust, PolicyDocument... permissions) {
        return new RoleDocuments(ROLE, trust, List.of(permissions), Optional.empty());
    }

    /** The least-privilege caller policy from 'trainctl policy show caller'. */
    static PolicyDocument callerPolicy() {
        return PolicyDocument.inline("trainctl-caller", CallerPolicy.document(NAMES).toJson());
    }

    /**
     * All the caller's documents ('policy show caller', 'caller-resources', 'caller-serving'), each a policy of its
     * own, as a caller has them attached.
     */
    static PolicyDocument[] callerPolicies() {
        return CallerPolicy.documents(NAMES).entrySet().stream()
                .map(e -> PolicyDocument.inline("trainctl-" + e.getKey(), e.getValue().toJson()))
                .toArray(PolicyDocument[]::new);
    }

    /** The serving role's trust, as the provisioning code writes it. */
    static PolicyDocument servingTrust() {
        return PolicyDocument.trust(ServingRolePolicies.trust(NAMES).toJson());
    }

    /**
     * A fake IAM that serves the role and lets alice run trainctl with the caller policy; the account also has
     * trainctl's two roles as provisioned, whose trusts GetRole serves (the caller may pass both).
     */
    static SimulatingIam iam(RoleDocuments role) {
        return new SimulatingIam(role).withPrincipal(CALLER, callerPolicies())
                .withRoleTrust(NAMES.roleArn(), oursTrust()).withRoleTrust(NAMES.servingRoleArn(), servingTrust());
    }

    static RoleCheck.Request request() {
        return new RoleCheck.Request(ROLE, SCOPE, JOB_NAME, "ml.t3.medium", 900, Optional.of(TUNING_JOB_NAME));
    }
}
