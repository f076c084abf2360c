package io.kafkaops.engine.plan;

/** What a plan does with one entity. */
public enum ChangeAction {
    /** Absent (or only claimed by this repo): create it. */
    CREATE,
    /** Owned by this repo and different from what it declares: change it. */
    UPDATE,
    /** Owned by this repo and no longer declared: delete it. */
    DELETE,
    /** Owned by this repo and as declared. */
    UNCHANGED,
    /** Declared here but owned by another repository: nothing happens, and the plan has an error. */
    CONFLICT,
    /** Declared here, exists, but no repository manages it: left untouched unless adopting. */
    UNMANAGED,
    /** Declared here, exists unmanaged, and the user asked to take it over: record ownership and apply changes. */
    ADOPT,
    /** Owned by this repo and no longer declared, but the stage does not allow deletes or the topic is protected. */
    KEPT;

    /** Whether a deploy does something for this action. */
    public boolean actionable() {
        return this == CREATE || this == UPDATE || this == DELETE || this == ADOPT;
    }
}
