package io.kafkaops.model.platform;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Written once by the platform team: stages in promotion order, clusters, teams and policies.
 *
 * @param source                   where the definition was read from (a path or {@code classpath:...})
 * @param defaultPartitions        used when a topic gives none
 * @param defaultReplicationFactor used when a topic gives none
 */
public record PlatformDefinition(
        List<Stage> stages,
        Map<String, Cluster> clusters,
        List<Team> teams,
        List<PolicyConfig> policies,
        int defaultPartitions,
        int defaultReplicationFactor,
        String source) {

    public PlatformDefinition {
        stages = List.copyOf(stages);
        clusters = Map.copyOf(clusters);
        teams = List.copyOf(teams);
        policies = List.copyOf(policies);
    }

    public Optional<Stage> stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<Team> team(String name) {
        return teams.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public List<String> stageNames() {
        return stages.stream().map(Stage::name).toList();
    }

    public int stageIndex(String name) {
        return stageNames().indexOf(name);
    }

    /** The team whose repository patterns match the coordinates, if exactly one does. */
    public List<Team> teamsOwningRepository(String groupId, String artifactId) {
        return teams.stream().filter(t -> t.ownsRepository(groupId, artifactId)).toList();
    }

    /** The team that owns a logical topic name by prefix, if any. */
    public Optional<Team> topicOwner(String topic) {
        return teams.stream().filter(t -> TeamPrefixes.owns(t.prefixes().topics(), topic)).findFirst();
    }
}
