package io.kafkaops.model.platform;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Written once by the platform team: stages in promotion order, clusters, teams and policies.
 *
 * <p>A stage on an {@code embedded} cluster is a development stage: it stands outside the promotion order and
 * receives whatever is deployed to the first promotion stage.
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

    /** Whether the stage runs on an embedded cluster (a broker the plugin starts for the build). */
    public boolean isDevelopmentStage(String name) {
        return stage(name).map(s -> clusters.get(s.cluster())).map(Cluster::isEmbedded).orElse(false);
    }

    /** The stages changes are promoted through, in order: every stage but the development stages. */
    public List<Stage> promotionStages() {
        return stages.stream().filter(s -> !isDevelopmentStage(s.name())).toList();
    }

    /**
     * Whether an entity with this {@code deployTo} is deployed to a stage: every stage when it is null, the stages it
     * names otherwise, and a development stage also whenever it names the first promotion stage, so that repositories
     * need not list development stages.
     */
    public boolean deploys(List<String> deployTo, String stage) {
        if (deployTo == null || deployTo.contains(stage)) return true;
        if (!isDevelopmentStage(stage)) return false;
        List<Stage> promotion = promotionStages();
        return !promotion.isEmpty() && deployTo.contains(promotion.get(0).name());
    }

    /**
     * Where a team's credentials for a stage go: {@code secretStores.<stage>}, else {@code secretStores."*"}; on a
     * development stage the team does not name, a file under {@code target/} instead of the default store, so a
     * throw-away broker's passwords never reach a shared vault. Null when there is none.
     */
    public SecretStoreConfig secretStore(Team team, String stage) {
        SecretStoreConfig named = team.secretStores().get(stage);
        if (named != null) return named;
        return isDevelopmentStage(stage) ? SecretStoreConfig.localFile() : team.secretStore(stage);
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
