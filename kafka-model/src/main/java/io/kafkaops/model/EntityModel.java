package io.kafkaops.model;

import java.util.List;

/**
 * Everything one repo declares in {@code src/main/kafka}, merged across files and documents.
 *
 * @param dropped what the loader left out for problems it reported, so policies can skip their follow-ups
 */
public record EntityModel(
        List<Topic> topics,
        List<ServiceAccount> serviceAccounts,
        List<Grant> grants,
        List<RawAcl> acls,
        List<ExternalRef> externalTopics,
        List<ExternalRef> externalServiceAccounts,
        List<String> files,
        DroppedNames dropped) {

    public EntityModel {
        dropped = dropped == null ? DroppedNames.NONE : dropped;
        topics = List.copyOf(topics);
        serviceAccounts = List.copyOf(serviceAccounts);
        grants = List.copyOf(grants);
        acls = List.copyOf(acls);
        externalTopics = List.copyOf(externalTopics);
        externalServiceAccounts = List.copyOf(externalServiceAccounts);
        files = List.copyOf(files);
    }

    /** A model with nothing dropped. */
    public EntityModel(List<Topic> topics, List<ServiceAccount> serviceAccounts, List<Grant> grants, List<RawAcl> acls,
                       List<ExternalRef> externalTopics, List<ExternalRef> externalServiceAccounts, List<String> files) {
        this(topics, serviceAccounts, grants, acls, externalTopics, externalServiceAccounts, files, DroppedNames.NONE);
    }

    public static EntityModel empty() {
        return new EntityModel(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public boolean isEmpty() {
        return topics.isEmpty() && serviceAccounts.isEmpty() && grants.isEmpty() && acls.isEmpty();
    }
}
