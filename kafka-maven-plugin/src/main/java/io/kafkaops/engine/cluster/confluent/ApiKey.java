package io.kafkaops.engine.cluster.confluent;

/**
 * An API key as listed: never a secret (Confluent returns it only from the create call, see {@link NewApiKey}).
 *
 * @param ownerId    the owning service account ({@code sa-...}) or user
 * @param resourceId the Kafka cluster ({@code lkc-...}) it is scoped to; null for a Cloud API key
 */
public record ApiKey(String id, String ownerId, String resourceId, String description) {
}
