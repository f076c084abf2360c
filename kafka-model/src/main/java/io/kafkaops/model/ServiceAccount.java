package io.kafkaops.model;

import java.util.List;
import java.util.Map;

/**
 * A service account (on Apache Kafka a SCRAM principal) with its logical name.
 *
 * @param credentials whether the deploy creates a credential (API key / SCRAM password) and stores it for the team
 * @param deployTo    the stages it is deployed to; null means every stage
 */
public record ServiceAccount(
        String name,
        String description,
        boolean credentials,
        Map<String, String> metadata,
        List<String> deployTo,
        Origin origin) {

    public ServiceAccount {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        deployTo = deployTo == null ? null : List.copyOf(deployTo);
        origin = origin == null ? Origin.unknown() : origin;
    }

    public boolean deployedTo(String stage) {
        return deployTo == null || deployTo.contains(stage);
    }
}
