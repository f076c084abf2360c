package io.kafkaops.policy.internal;

import io.kafkaops.policy.Policy;
import io.kafkaops.policy.internal.builtin.DuplicatesPolicy;
import io.kafkaops.policy.internal.builtin.KafkaNamesPolicy;
import io.kafkaops.policy.internal.builtin.RawAclPolicy;
import io.kafkaops.policy.internal.builtin.ReferencesPolicy;
import io.kafkaops.policy.internal.builtin.RequiredMetadataPolicy;
import io.kafkaops.policy.internal.builtin.ServiceAccountNamingPolicy;
import io.kafkaops.policy.internal.builtin.StageOrderPolicy;
import io.kafkaops.policy.internal.builtin.TeamNamespacePolicy;
import io.kafkaops.policy.internal.builtin.TopicConfigKeysPolicy;
import io.kafkaops.policy.internal.builtin.TopicConfigPolicy;
import io.kafkaops.policy.internal.builtin.TopicNamingPolicy;
import io.kafkaops.policy.internal.builtin.TopicPartitionsPolicy;
import io.kafkaops.policy.internal.builtin.TopicReplicationFactorPolicy;
import io.kafkaops.policy.internal.builtin.TopicVisibilityPolicy;
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
