package io.kafkaops.model.platform;

import java.util.List;

/** The logical name prefixes a team owns, per kind of entity. */
public record TeamPrefixes(
        List<String> topics, List<String> serviceAccounts, List<String> groups, List<String> transactionalIds) {

    public TeamPrefixes {
        topics = topics == null ? List.of() : List.copyOf(topics);
        serviceAccounts = serviceAccounts == null ? List.of() : List.copyOf(serviceAccounts);
        groups = groups == null ? List.of() : List.copyOf(groups);
        transactionalIds = transactionalIds == null ? List.of() : List.copyOf(transactionalIds);
    }

    public static boolean owns(List<String> prefixes, String name) {
        for (String p : prefixes) {
            if (name.startsWith(p)) return true;
        }
        return false;
    }
}
