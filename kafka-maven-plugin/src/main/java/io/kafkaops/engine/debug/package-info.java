/**
 * Debug sessions: time-boxed access to a stage's cluster with exactly the rights of one of the repository's own
 * service accounts (a delegation token owned by its principal on Apache Kafka, a temporary API key on Confluent
 * Cloud), recorded in the ownership topic under {@code session:<stage>:<id>} and swept by every plan, deploy and
 * debug goal once past their expiry. {@link io.kafkaops.engine.debug.SessionPlacement} is the seam to where the
 * credential goes: {@link io.kafkaops.engine.debug.LocalPlacement} writes an owner-only properties file. A
 * session record never holds a secret.
 */
package io.kafkaops.engine.debug;
