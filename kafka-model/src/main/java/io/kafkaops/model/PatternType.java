package io.kafkaops.model;

/** How a resource name in a grant or ACL matches: the exact name, or every name starting with it. */
public enum PatternType {
    LITERAL,
    PREFIXED
}
