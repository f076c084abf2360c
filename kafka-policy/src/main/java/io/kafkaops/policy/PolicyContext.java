package io.kafkaops.policy;

import io.kafkaops.model.EntityModel;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.model.platform.Team;
import java.util.Map;
import java.util.Optional;

/**
 * What a policy sees: the repo's merged model, the platform definition, the repo's team, and what is known about
 * topics owned by other repos.
 *
 * @param team        the repo's team; empty when the platform definition names no team for it
 * @param repository  {@code groupId:artifactId} of the repo
 * @param knownTopics topics of other repos (logical name to their visibility facts); empty offline, filled from the
 *                    cluster's ownership records at plan time
 * @param clusterRead true at plan time, when {@code knownTopics} holds every topic other repos own on the stage: a
 *                    topic missing from it has not been deployed by its owner (and counts as private); false
 *                    offline, when nothing is known about the cluster
 */
public record PolicyContext(
        EntityModel model,
        PlatformDefinition platform,
        Optional<Team> team,
        String repository,
        Map<String, KnownTopic> knownTopics,
        boolean clusterRead) {

    public PolicyContext {
        knownTopics = knownTopics == null ? Map.of() : Map.copyOf(knownTopics);
    }

    /** Offline: nothing is known about a cluster beyond the given topics. */
    public PolicyContext(EntityModel model, PlatformDefinition platform, Optional<Team> team, String repository,
                         Map<String, KnownTopic> knownTopics) {
        this(model, platform, team, repository, knownTopics, false);
    }
}
