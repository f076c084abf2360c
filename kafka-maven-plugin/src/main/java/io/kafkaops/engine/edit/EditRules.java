package io.kafkaops.engine.edit;

/** Rule ids of the diagnostics the entity-management goals report about a request itself. */
public final class EditRules {

    /** A parameter is missing or malformed. */
    public static final String PARAMETER = "parameter";
    /** The request adds an entity that is already declared, or names one twice. */
    public static final String DUPLICATE = "duplicate";
    /** The request names an entity the repository does not declare. */
    public static final String UNKNOWN_ENTITY = "unknownEntity";
    /** A revoke names a right the service account does not have. */
    public static final String NOT_GRANTED = "notGranted";
    /** An update lowers a topic's partition count, which Kafka cannot do. */
    public static final String PARTITIONS_SHRINK = "partitionsShrink";
    /** The entity is written with YAML anchors or aliases, which an automatic edit could break. */
    public static final String ANCHORS = "anchors";
    /** A removal would leave something behind that only a person can decide about. */
    public static final String REMOVAL = "removal";

    private EditRules() {
    }
}
