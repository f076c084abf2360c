package io.kafkaops.engine.desired;

import io.kafkaops.model.AclEntry;
import java.util.List;

/**
 * What one repo wants on one stage, with physical names. ACL entries carry physical principal and resource names.
 *
 * @param repository {@code groupId:artifactId} of the repo, the owner recorded on the cluster
 */
public record DesiredState(
        String stage,
        String stagePrefix,
        String repository,
        String team,
        List<DesiredTopic> topics,
        List<DesiredPrincipal> principals,
        List<AclEntry> acls) {

    public DesiredState {
        topics = List.copyOf(topics);
        principals = List.copyOf(principals);
        acls = List.copyOf(acls);
    }
}
