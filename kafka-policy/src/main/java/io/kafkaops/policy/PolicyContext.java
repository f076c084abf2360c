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
 * @param stage       at plan time the stage whose cluster's ownership records {@code knownTopics} holds (every topic
 *                    other repos own there: one missing from it has not been deployed by its owner); null offline,
 *                    when nothing is known about a cluster
 */
public record PolicyContext(
        EntityModel model,
        PlatformDefinition platform,
        Optional<Team> team,
        String repository,
        Map<String, KnownTopic> knownTopics,
        String stage) {

    public PolicyContext {
        knownTopics = knownTopics == null ? Map.of() : Map.copyOf(knownTopics);
    }

    /** Offline: nothing is known about a cluster beyond the given topics. */
    public PolicyContext(EntityModel model, PlatformDefinition platform, Optional<Team> team, String repository,
                         Map<String, KnownTopic> knownTopics) {
        this(model, platform, team, repository, knownTopics, null);
    }

    /**
     * Whether a topic missing from {@code knownTopics} is known not to exist on the stage: at plan time, on a stage
     * teams share. On a development stage (an embedded broker on one machine) other teams never deploy, so their
     * topics are missing there anyway.
     */
    public boolean missingTopicsAreUndeployed() {
        return stage != null && !platform.isDevelopmentStage(stage);
    }
}
