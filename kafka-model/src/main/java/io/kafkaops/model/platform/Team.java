package io.kafkaops.model.platform;

import io.kafkaops.model.Location;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A product team: the prefixes it owns, the repositories that belong to it, and its secret store per stage.
 *
 * @param repositories {@code groupId:artifactId} patterns where {@code *} matches any run of characters
 * @param secretStores per stage name; the key {@code "*"} is the default for stages not listed
 */
public record Team(
        String name,
        TeamPrefixes prefixes,
        List<String> repositories,
        Map<String, SecretStoreConfig> secretStores,
        Location location) {

    public Team {
        prefixes = prefixes == null ? new TeamPrefixes(null, null, null, null) : prefixes;
        repositories = repositories == null ? List.of() : List.copyOf(repositories);
        secretStores = secretStores == null ? Map.of() : Map.copyOf(secretStores);
    }

    /** Whether a repository ({@code groupId:artifactId}) belongs to this team. */
    public boolean ownsRepository(String groupId, String artifactId) {
        String coordinates = groupId + ":" + artifactId;
        for (String pattern : repositories) {
            if (globToRegex(pattern).matcher(coordinates).matches()) return true;
        }
        return false;
    }

    public SecretStoreConfig secretStore(String stage) {
        SecretStoreConfig c = secretStores.get(stage);
        return c != null ? c : secretStores.get("*");
    }

    static Pattern globToRegex(String glob) {
        String[] parts = glob.split("\\*", -1);
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) re.append(".*");
            re.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(re.toString());
    }
}
