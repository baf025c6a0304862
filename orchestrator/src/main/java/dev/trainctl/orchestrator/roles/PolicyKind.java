package dev.trainctl.orchestrator.roles;

/** Where a policy document attached to a role comes from. */
public enum PolicyKind {
    TRUST("trust policy"),
    INLINE("inline policy"),
    AWS_MANAGED("AWS managed policy"),
    CUSTOMER_MANAGED("customer managed policy"),
    PERMISSIONS_BOUNDARY("permissions boundary"),
    /** A KMS key's own policy, which must allow the role to use the key. */
    KEY_POLICY("key policy");

    private final String label;

    PolicyKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
