package io.kafkaops.policy;

import io.kafkaops.model.Visibility;
import java.util.List;

/** A topic another repo owns, as far as visibility checks need it. */
public record KnownTopic(String name, String ownerTeam, String ownerRepository, Visibility visibility,
                         List<String> sharedWith) {
}
