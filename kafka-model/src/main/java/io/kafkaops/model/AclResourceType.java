package io.kafkaops.model;

/** Kafka resource types an ACL can name (same names as Kafka's {@code ResourceType}). */
public enum AclResourceType {
    TOPIC,
    GROUP,
    TRANSACTIONAL_ID,
    CLUSTER,
    DELEGATION_TOKEN,
    USER
}
