package io.kafkaops.engine.desired;

import io.kafkaops.model.Origin;

/**
 * A service account as it must exist on one stage.
 *
 * @param name        physical principal name (stage prefix applied), the SCRAM user name on Apache Kafka
 * @param credentials whether a credential must exist for it (and be in the team's secret store)
 */
public record DesiredPrincipal(String name, String logicalName, String description, boolean credentials,
                               Origin origin) {
}
