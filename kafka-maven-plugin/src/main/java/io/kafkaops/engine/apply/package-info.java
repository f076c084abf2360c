/**
 * What applying a plan or a rotation produced: one {@link io.kafkaops.engine.apply.EntityResult} per entity,
 * gathered into {@code deploy.json} ({@link io.kafkaops.engine.apply.DeployReport}) or the rotation report, and the
 * refusal raised before anything is changed. The report formats are public and stable. Depends on
 * {@code engine.plan} and {@code engine.plan.file}; the code that talks to a cluster lives in the adapter.
 */
package io.kafkaops.engine.apply;
