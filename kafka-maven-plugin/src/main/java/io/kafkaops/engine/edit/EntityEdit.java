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

    /**
     * What {@code kafka:import} found on a stage, added to the files as new entities the way the other edits add
     * them: topics, service accounts, one grant entry per service account, and raw ACLs each with a comment saying why
     * no grant gives it. Nothing declared already is changed.
     *
     * @param topics          by logical name, in the order to write them
     * @param serviceAccounts logical names, each with its {@code credentials} setting (null leaves it out)
     * @param grants          by logical service-account name
     * @param acls            raw bindings with logical names
     * @param externalTopics topics the grants and ACLs name that the import does not declare (another team's), listed
     *                       under {@code external.topics} when the files have no {@code external} section yet
     */
    record Import(Map<String, TopicSettings> topics, Map<String, Boolean> serviceAccounts, Map<String, Access> grants,
                  List<ImportedAcl> acls, List<String> externalTopics) implements EntityEdit {
        public Import {
            externalTopics = List.copyOf(externalTopics);
            topics = Collections.unmodifiableMap(new LinkedHashMap<>(topics));
            serviceAccounts = Collections.unmodifiableMap(new LinkedHashMap<>(serviceAccounts));
            grants = Collections.unmodifiableMap(new LinkedHashMap<>(grants));
            acls = List.copyOf(acls);
        }

        public boolean isEmpty() {
            return topics.isEmpty() && serviceAccounts.isEmpty() && grants.isEmpty() && acls.isEmpty();
        }

        @Override
        public void applyTo(EditSession session) {
            ImportStep.apply(this, session);
        }
    }

    /**
     * A raw ACL entry as the file format writes it (enum names as Kafka spells them), and why it stays raw.
     *
     * @param principal {@code User:<logical service account>}
     */
    record ImportedAcl(String principal, String resourceType, String resourceName, String patternType,
                       String operation, String permission, String host, String reason) {
    }
}
