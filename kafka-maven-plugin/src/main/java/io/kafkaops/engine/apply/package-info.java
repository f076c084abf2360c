/**
 * Applying a plan, independent of the cluster type: the results by entity in plan order
 * ({@link io.kafkaops.engine.apply.ApplyResults}, one {@link io.kafkaops.engine.apply.EntityResult} per entity) gathered
 * into {@code deploy.json} ({@link io.kafkaops.engine.apply.DeployReport}) or the rotation report; the refusal raised
 * before anything is changed; and the seam a cluster type provides for service-account credentials
 * ({@link io.kafkaops.engine.apply.CredentialChanges}, with {@link io.kafkaops.engine.apply.PendingChanges} for the
 * wait until the cluster shows them). The report formats are public and stable. Depends on {@code engine.plan},
 * {@code engine.state} and {@code engine.store}, never on a Kafka client class; the code that talks to a cluster lives
 * in the adapter.
 */
package io.kafkaops.engine.apply;
