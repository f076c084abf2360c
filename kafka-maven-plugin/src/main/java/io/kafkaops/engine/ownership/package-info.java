/**
 * Who owns what on a cluster: the ownership record a repository writes for every entity it manages and the
 * rules that decide whether a repository may change or delete an entity. The record's JSON format is public and
 * stable. Depends on Jackson and {@code engine.plan.EntityKind} only; no Kafka client class and no
 * cluster adapter (checked by {@code ArchitectureTest}).
 */
package io.kafkaops.engine.ownership;
