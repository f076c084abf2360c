package io.kafkaops.engine.plan;

/** The kinds of entity a plan changes, in the order they are planned and created. */
public enum EntityKind {
    SERVICE_ACCOUNT("service account"),
    CREDENTIAL("credential"),
    TOPIC("topic"),
    ACL("acl");

    private final String label;

    EntityKind(String label) {
        this.label = label;
    }

    /** The kind in the user's words, for plan lines. */
    public String label() {
        return label;
    }
}
