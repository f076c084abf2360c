/**
 * The engine's facade: {@link io.kafkaops.engine.StageEngine} plans, deploys and rotates one stage, with
 * {@link io.kafkaops.engine.EngineOptions} and the outcome records the goals turn into console output and exit
 * status. Plain Java without Maven; it orchestrates the concept packages below it and is, through
 * {@link io.kafkaops.engine.ClusterWiring}, the only place outside {@code engine.cluster.admin} that names the
 * Admin-client adapter.
 */
package io.kafkaops.engine;
