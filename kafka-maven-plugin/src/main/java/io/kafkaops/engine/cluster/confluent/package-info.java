/**
 * The Confluent Cloud IAM API as the engine needs it: a REST client on {@code java.net.http} and Jackson for service
 * accounts (IAM v2) and API keys (API Keys v2), with bounded timeouts, retries that honour Confluent's rate-limit
 * headers, pagination on every list, request counts, and no secret in any message or {@code toString()}. It knows
 * nothing of Kafka's client classes: topics, ACLs and ownership on a Confluent Cloud cluster take the Admin-client
 * path of {@code engine.cluster.admin}, which uses this package for accounts and keys.
 */
package io.kafkaops.engine.cluster.confluent;
