package io.kafkaops.model;

import java.util.Set;

/**
 * What the loader could not turn into entities, so that policies do not report follow-ups of a problem that is
 * reported already: a reference to a topic or service account that would be declared but for a schema error in its
 * entity, or in a file that cannot be parsed, is no further problem.
 *
 * @param topics          names of topics left out for a schema problem
 * @param serviceAccounts names of service accounts left out for a schema problem
 * @param unparsedNames   every name-like word ({@code [A-Za-z0-9._-]+}) of files with a YAML syntax error: what they
 *                        would declare is not known, only which names they mention
 * @param unreadable      whether a file could not be read at all (encoding, size): then nothing is known of it
 */
public record DroppedNames(Set<String> topics, Set<String> serviceAccounts, Set<String> unparsedNames,
                           boolean unreadable) {

    public static final DroppedNames NONE = new DroppedNames(Set.of(), Set.of(), Set.of(), false);

    public DroppedNames {
        topics = Set.copyOf(topics);
        serviceAccounts = Set.copyOf(serviceAccounts);
        unparsedNames = Set.copyOf(unparsedNames);
    }

    public boolean isEmpty() {
        return topics.isEmpty() && serviceAccounts.isEmpty() && unparsedNames.isEmpty() && !unreadable;
    }

    /** Whether a dropped entity or an unreadable file may have declared this topic. */
    public boolean mayDeclareTopic(String name) {
        return unreadable || topics.contains(name) || unparsedNames.contains(name);
    }

    /** Whether a dropped entity or an unreadable file may have declared a topic starting with this prefix. */
    public boolean mayDeclareTopicWithPrefix(String prefix) {
        if (unreadable) return true;
        for (String t : topics) {
            if (t.startsWith(prefix)) return true;
        }
        for (String t : unparsedNames) {
            if (t.startsWith(prefix)) return true;
        }
        return false;
    }

    /** Whether a dropped entity or an unreadable file may have declared this service account. */
    public boolean mayDeclareServiceAccount(String name) {
        return unreadable || serviceAccounts.contains(name) || unparsedNames.contains(name);
    }
}
