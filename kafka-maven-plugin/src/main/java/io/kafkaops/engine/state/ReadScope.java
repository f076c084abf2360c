package io.kafkaops.engine.state;

import io.kafkaops.engine.ownership.Ownership;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.model.platform.Stage;
import java.util.List;

/**
 * Which names on a cluster belong to one stage: those starting with the stage's prefix, except those starting with
 * the (longer) prefix of another stage on the same cluster. A stage without a prefix so never sees the entities of
 * a prefixed stage that shares its cluster, and the ownership topic and Kafka's internal topics are never in scope.
 *
 * @param otherPrefixes prefixes of the other stages on the same cluster
 */
public record ReadScope(String stage, String prefix, List<String> otherPrefixes) {

    public ReadScope {
        String own = prefix == null ? "" : prefix;
        prefix = own;
        // only longer prefixes nested in ours can take names away from this stage
        otherPrefixes = otherPrefixes.stream()
                .filter(p -> p != null && p.length() > own.length() && p.startsWith(own))
                .distinct().sorted().toList();
    }

    public static ReadScope of(PlatformDefinition platform, String stageName) {
        Stage stage = platform.stage(stageName)
                .orElseThrow(() -> new IllegalArgumentException("unknown stage '" + stageName + "'"));
        return of(platform, stage);
    }

    /** The scope of a stage already looked up in the platform definition. */
    public static ReadScope of(PlatformDefinition platform, Stage stage) {
        String stageName = stage.name();
        List<String> others = platform.stages().stream()
                .filter(s -> !s.name().equals(stageName))
                .filter(s -> s.cluster() != null && s.cluster().equals(stage.cluster()))
                .map(Stage::prefix)
                .toList();
        return new ReadScope(stageName, stage.prefix(), others);
    }

    /** Whether a topic, principal or other physical name belongs to this stage. */
    public boolean contains(String name) {
        if (name == null || !name.startsWith(prefix)) return false;
        for (String other : otherPrefixes) {
            if (name.startsWith(other)) return false;
        }
        return true;
    }

    /** Whether a topic belongs to this stage; never the ownership topic or Kafka's internal {@code __} topics. */
    public boolean containsTopic(String topic) {
        return contains(topic) && !topic.equals(Ownership.TOPIC) && !topic.equals(Ownership.INDEX_TOPIC)
                && !topic.startsWith("__");
    }

    /** Whether an ACL principal ({@code User:<name>}) belongs to this stage. */
    public boolean containsPrincipal(String principal) {
        return principal != null && principal.startsWith("User:") && contains(principal.substring("User:".length()));
    }

    /**
     * The scope's identity: stage, prefix and the other stages' prefixes that cut names out of it. Two reads with the
     * same identity see the same records, so a stage snapshot is only ever used by a read of the scope it was taken for.
     */
    public String id() {
        return stage + "|" + prefix + "|" + String.join(",", otherPrefixes);
    }

    /** The scope whose {@link #id} this is, or null when it is not one. */
    public static ReadScope fromId(String id) {
        if (id == null) return null;
        String[] parts = id.split("\\|", -1);
        if (parts.length != 3 || parts[0].isEmpty()) return null;
        return new ReadScope(parts[0], parts[1], parts[2].isEmpty() ? List.of() : List.of(parts[2].split(",")));
    }

    /** Whether an ownership record key belongs to this stage. */
    public boolean containsKey(String ownershipKey) {
        return contains(Ownership.scopeName(ownershipKey));
    }
}
