/**
 * The model of a repository's Kafka entities: topics, service accounts, grants, raw ACLs and external
 * references as immutable records with their place in the files ({@link io.kafkaops.model.Origin},
 * {@link io.kafkaops.model.Location}), and the {@link io.kafkaops.model.Diagnostic} every module reports with. Depends
 * on the JDK only.
 */
package io.kafkaops.model;
