/**
 * Onboarding an existing cluster: what a team already has on one stage (topics in its prefixes, SCRAM users, ACLs)
 * read once with the batched cluster read and turned into the entity files the entity-management goals would have
 * written ({@link io.kafkaops.engine.onboard.Importer}, pure), then applied and validated through
 * {@code engine.edit} ({@link io.kafkaops.engine.onboard.Onboarding}). No Kafka client class and no cluster adapter:
 * the cluster is reached through the ports of {@code engine.cluster} (checked by {@code ArchitectureTest}).
 */
package io.kafkaops.engine.onboard;
