/**
 * The engine's facade: {@link io.kafkaops.engine.StageEngine} plans, deploys and rotates one stage, given a
 * {@link io.kafkaops.engine.StageRequest} (entities, stage, repository, team, connection,
 * {@link io.kafkaops.engine.EngineOptions}, credential store, {@link io.kafkaops.engine.ClusterChecks}), and returns the
 * outcome records the goals turn into console output and exit status. Plain Java without Maven; it orchestrates the
 * concept packages below it and reaches clusters only through the ports of {@code engine.cluster}.
 * {@link io.kafkaops.engine.ClusterWiring} is the only place outside {@code engine.cluster.admin} that names the
 * Admin-client adapter: the goals take their sessions from it and hand them to the engine.
 */
package io.kafkaops.engine;
