package io.kafkaops.policy;

import io.kafkaops.policy.builtin.DuplicatesPolicy;
import io.kafkaops.policy.builtin.KafkaNamesPolicy;
import io.kafkaops.policy.builtin.RawAclPolicy;
import io.kafkaops.policy.builtin.ReferencesPolicy;
import io.kafkaops.policy.builtin.RequiredMetadataPolicy;
import io.kafkaops.policy.builtin.ServiceAccountNamingPolicy;
import io.kafkaops.policy.builtin.StageOrderPolicy;
import io.kafkaops.policy.builtin.TeamNamespacePolicy;
import io.kafkaops.policy.builtin.TopicConfigKeysPolicy;
import io.kafkaops.policy.builtin.TopicConfigPolicy;
import io.kafkaops.policy.builtin.TopicNamingPolicy;
import io.kafkaops.policy.builtin.TopicPartitionsPolicy;
import io.kafkaops.policy.builtin.TopicReplicationFactorPolicy;
import io.kafkaops.policy.builtin.TopicVisibilityPolicy;
import java.util.List;

/** The one place the built-in policies are registered. Custom ones come through {@link java.util.ServiceLoader}. */
public final class BuiltInPolicies {

    private BuiltInPolicies() {
    }

    /** A fresh instance of every built-in policy, in the order the policy reference lists them. */
    public static List<Policy> all() {
        return List.of(
                new TopicNamingPolicy(),
                new ServiceAccountNamingPolicy(),
                new KafkaNamesPolicy(),
                new RequiredMetadataPolicy(),
                new TopicConfigPolicy(),
                new TopicConfigKeysPolicy(),
                new TopicPartitionsPolicy(),
                new TopicReplicationFactorPolicy(),
                new TeamNamespacePolicy(),
                new TopicVisibilityPolicy(),
                new RawAclPolicy(),
                new DuplicatesPolicy(),
                new ReferencesPolicy(),
                new StageOrderPolicy());
    }

    public static List<String> ids() {
        return all().stream().map(Policy::id).toList();
    }
}
