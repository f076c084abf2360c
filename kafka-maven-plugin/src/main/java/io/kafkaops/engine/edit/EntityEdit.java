package io.kafkaops.engine.edit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One change to a repository's entity files, as the entity-management goals request it. Every list names one or
 * more entities; the whole request is applied, validated and written as one, or not at all.
 */
public sealed interface EntityEdit {

    /**
     * Carries this edit out on the files of an editing session (each kind in its own step class). Called by
     * {@link EntityEditor}, which alone can create a session.
     */
    void applyTo(EditSession session);

    /** Topics to declare, all with the same settings. */
    record AddTopics(List<String> names, TopicSettings settings) implements EntityEdit {
        public AddTopics {
            names = List.copyOf(names);
        }

        @Override
        public void applyTo(EditSession session) {
            AddTopicsStep.apply(this, session);
        }
    }

    /** Service accounts to declare, all with the same settings. */
    record AddServiceAccounts(List<String> names, String description, Map<String, String> metadata,
                              Boolean credentials, List<String> deployTo) implements EntityEdit {
        public AddServiceAccounts {
            names = List.copyOf(names);
            metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
            deployTo = deployTo == null ? null : List.copyOf(deployTo);
        }

        @Override
        public void applyTo(EditSession session) {
            AddServiceAccountsStep.apply(this, session);
        }
    }

    /** Rights to add to the grants of service accounts; rights they already have are left as they are. */
    record Grant(List<String> serviceAccounts, Access access) implements EntityEdit {
        public Grant {
            serviceAccounts = List.copyOf(serviceAccounts);
        }

        @Override
        public void applyTo(EditSession session) {
            GrantStep.apply(this, session);
        }
    }

    /** Rights to take from the grants of service accounts; a grant left with no rights is removed. */
    record Revoke(List<String> serviceAccounts, Access access) implements EntityEdit {
        public Revoke {
            serviceAccounts = List.copyOf(serviceAccounts);
        }

        @Override
        public void applyTo(EditSession session) {
            RevokeStep.apply(this, session);
        }
    }

    /**
     * Topics and service accounts to remove, with what only exists for them: the grants and raw ACLs of a removed
     * service account, and the grant items naming a removed topic by its literal name.
     */
    record Remove(List<String> topics, List<String> serviceAccounts) implements EntityEdit {
        public Remove {
            topics = List.copyOf(topics);
            serviceAccounts = List.copyOf(serviceAccounts);
        }

        @Override
        public void applyTo(EditSession session) {
            RemoveStep.apply(this, session);
        }
    }

    /**
     * Changes to declared topics: every non-null setting is set, config and metadata keys are set one by one or
     * removed.
     */
    record UpdateTopics(List<String> names, TopicSettings set, List<String> removeConfig, List<String> removeMetadata)
            implements EntityEdit {
        public UpdateTopics {
            names = List.copyOf(names);
            removeConfig = List.copyOf(removeConfig);
            removeMetadata = List.copyOf(removeMetadata);
        }

        @Override
        public void applyTo(EditSession session) {
            UpdateTopicsStep.apply(this, session);
        }
    }
}
