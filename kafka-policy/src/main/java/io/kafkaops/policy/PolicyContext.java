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
 */
public record PolicyContext(
        EntityModel model,
        PlatformDefinition platform,
        Optional<Team> team,
        String repository,
        Map<String, KnownTopic> knownTopics) {

    public PolicyContext {
        knownTopics = knownTopics == null ? Map.of() : Map.copyOf(knownTopics);
    }
}
