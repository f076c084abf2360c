package io.kafkaops.model.load;

import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Location;
import io.kafkaops.model.load.YamlNode.MapNode;
import io.kafkaops.model.load.YamlNode.ScalarKind;
import io.kafkaops.model.load.YamlNode.ScalarNode;
import io.kafkaops.model.platform.Cluster;
import io.kafkaops.model.platform.ClusterCredentials;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.model.platform.PolicyConfig;
import io.kafkaops.model.platform.PolicyLevel;
import io.kafkaops.model.platform.SecretStoreConfig;
import io.kafkaops.model.platform.Stage;
import io.kafkaops.model.platform.Team;
import io.kafkaops.model.platform.TeamPrefixes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Builds a {@link PlatformDefinition} from a validated document and checks its consistency. */
final class PlatformBuilder {

    /** Used when the definition has no {@code defaults}: production-safe, not convenient. */
    static final int DEFAULT_PARTITIONS = 3;
    static final int DEFAULT_REPLICATION_FACTOR = 3;

    private static final Set<String> SECRET_STORE_KEYS = Set.of("type", "path", "url");

    private final String source;
    private final SchemaValidator.Result validation;
    private final List<Diagnostic> diagnostics;

    PlatformBuilder(String source, SchemaValidator.Result validation, List<Diagnostic> diagnostics) {
        this.source = source;
        this.validation = validation;
        this.diagnostics = diagnostics;
    }

    PlatformDefinition build(YamlNode document) {
        if (!(document instanceof MapNode root)) {
            return new PlatformDefinition(List.of(), Map.of(), List.of(), List.of(), DEFAULT_PARTITIONS,
                    DEFAULT_REPLICATION_FACTOR, source);
        }
        int partitions = DEFAULT_PARTITIONS;
        int replicationFactor = DEFAULT_REPLICATION_FACTOR;
        MapNode defaults = Nodes.map(root, "defaults");
        if (defaults != null && validation.isValid("#/defaults")) {
            Integer p = Nodes.integer(defaults, "partitions");
            Integer r = Nodes.integer(defaults, "replicationFactor");
            partitions = p == null ? partitions : p;
            replicationFactor = r == null ? replicationFactor : r;
        }
        Map<String, Cluster> clusters = clusters(root);
        List<Stage> stages = stages(root, clusters);
        List<Team> teams = teams(root, stages);
        List<PolicyConfig> policies = policies(root);
        return new PlatformDefinition(stages, clusters, teams, policies, partitions, replicationFactor, source);
    }

    private Map<String, Cluster> clusters(MapNode root) {
        Map<String, Cluster> clusters = new LinkedHashMap<>();
        MapNode node = Nodes.map(root, "clusters");
        if (node == null) return clusters;
        for (YamlNode.Entry e : node.entries().values()) {
            if (!(e.value() instanceof MapNode c) || !validation.isValid("#/clusters/" + escape(e.key()))) continue;
            Map<String, String> properties = new LinkedHashMap<>();
            MapNode props = Nodes.map(c, "properties");
            if (props != null) {
                for (YamlNode.Entry p : props.entries().values()) {
                    if (p.value() instanceof ScalarNode s && s.kind() != ScalarKind.NULL) {
                        properties.put(p.key(), s.asText());
                        checkNotSecret(e.key(), p);
                    }
                }
            }
            MapNode cred = Nodes.map(c, "credentials");
            ClusterCredentials credentials = cred == null ? ClusterCredentials.none()
                    : new ClusterCredentials(Nodes.string(cred, "server"), Nodes.string(cred, "usernameEnv"),
                    Nodes.string(cred, "passwordEnv"));
            if (cred != null) checkCredentials(e.key(), cred, credentials);
            String type = Nodes.string(c, "type");
            clusters.put(e.key(), new Cluster(e.key(), type == null ? Cluster.TYPE_APACHE_KAFKA : type,
                    Nodes.string(c, "bootstrapServers"), properties, credentials, e.keyLocation()));
        }
        return clusters;
    }

    private void checkNotSecret(String cluster, YamlNode.Entry property) {
        String key = property.key().toLowerCase(Locale.ROOT);
        if (key.equals("sasl.jaas.config")) {
            diagnostics.add(Diagnostic.error(LoadRules.PLATFORM, "cluster '" + cluster
                            + "': sasl.jaas.config holds credentials, which do not belong in the platform definition",
                    property.keyLocation(),
                    "remove it and set credentials.server (a settings.xml server) or credentials.usernameEnv/passwordEnv"));
        } else if (key.endsWith(".password") || key.endsWith(".secret")) {
            diagnostics.add(Diagnostic.warn(LoadRules.PLATFORM, "cluster '" + cluster + "': property '"
                            + property.key() + "' looks like a secret; the platform definition is shared and not secret",
                    property.keyLocation(), "keep secrets out of the platform definition"));
        }
    }

    private void checkCredentials(String cluster, MapNode node, ClusterCredentials c) {
        if (c.server() != null && (c.usernameEnv() != null || c.passwordEnv() != null)) {
            diagnostics.add(Diagnostic.error(LoadRules.PLATFORM, "cluster '" + cluster
                    + "': credentials name both a settings.xml server and environment variables", node.location(),
                    "use either server or usernameEnv/passwordEnv"));
        } else if ((c.usernameEnv() == null) != (c.passwordEnv() == null)) {
            diagnostics.add(Diagnostic.error(LoadRules.PLATFORM, "cluster '" + cluster
                    + "': credentials need both usernameEnv and passwordEnv", node.location(),
                    "add the missing " + (c.usernameEnv() == null ? "usernameEnv" : "passwordEnv")));
        }
    }

    private List<Stage> stages(MapNode root, Map<String, Cluster> clusters) {
        List<Stage> stages = new ArrayList<>();
        List<YamlNode> items = Nodes.list(root, "stages");
        if (items == null) return stages;
        Map<String, Stage> byName = new HashMap<>();
        MapNode clustersNode = Nodes.map(root, "clusters");
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof MapNode m) || !validation.isValid("#/stages/" + i)) continue;
            Stage stage = new Stage(Nodes.string(m, "name"), Nodes.string(m, "cluster"), Nodes.string(m, "prefix"),
                    Nodes.bool(m, "allowDeletes", false), m.location());
            Stage earlier = byName.putIfAbsent(stage.name(), stage);
            if (earlier != null) {
                diagnostics.add(Diagnostic.error(LoadRules.PLATFORM, "stage '" + stage.name()
                                + "' is defined twice (first at line " + earlier.location().line() + ")",
                        m.entry("name").keyLocation(), "give every stage its own name"));
                continue;
            }
            // a cluster that is defined but invalid was already reported by the schema
            boolean clusterDefined = clustersNode != null && clustersNode.get(stage.cluster()) != null;
            if (!clusterDefined) {
                String hint = Suggestions.didYouMean(stage.cluster(), clusters.keySet());
                diagnostics.add(Diagnostic.error(LoadRules.PLATFORM, "stage '" + stage.name()
                                + "' uses cluster '" + stage.cluster() + "', which is not defined under clusters",
                        m.entry("cluster").value().location(),
                        hint != null ? hint : "define it under clusters, or use one of: "
                                + String.join(", ", clusters.keySet())));
            }
            for (Stage other : stages) {
                if (other.cluster().equals(stage.cluster()) && (other.prefix().startsWith(stage.prefix())
                        || stage.prefix().startsWith(other.prefix()))) {
                    diagnostics.add(Diagnostic.error(LoadRules.PLATFORM, "stages '" + other.name() + "' and '"
                                    + stage.name() + "' share cluster '" + stage.cluster() + "' but their prefixes ('"
                                    + other.prefix() + "' and '" + stage.prefix()
                                    + "') overlap, so one stage's names could belong to the other",
                            prefixLocation(m), "give each stage on a shared cluster its own prefix, "
                                    + "none the start of another (for example dev. and test.)"));
                }
            }
            stages.add(stage);
        }
        return stages;
    }

    private static Location prefixLocation(MapNode stage) {
        YamlNode.Entry prefix = stage.entry("prefix");
        return prefix != null ? prefix.value().location() : stage.location();
    }

    private List<Team> teams(MapNode root, List<Stage> stages) {
        List<Team> teams = new ArrayList<>();
        List<YamlNode> items = Nodes.list(root, "teams");
        if (items == null) return teams;
        Map<String, Team> byName = new HashMap<>();
        List<String> stageNames = stages.stream().map(Stage::name).toList();
        List<OwnedPrefix> owned = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof MapNode m) || !validation.isValid("#/teams/" + i)) continue;
            String name = Nodes.string(m, "name");
            MapNode prefixes = Nodes.map(m, "prefixes");
            TeamPrefixes teamPrefixes = prefixes == null ? new TeamPrefixes(null, null, null, null)
                    : new TeamPrefixes(Nodes.strings(prefixes, "topics"), Nodes.strings(prefixes, "serviceAccounts"),
                    Nodes.strings(prefixes, "groups"), Nodes.strings(prefixes, "transactionalIds"));
            Team team = new Team(name, teamPrefixes, Nodes.strings(m, "repositories"), secretStores(m, name, stageNames),
                    m.location());
            Team earlier = byName.putIfAbsent(name, team);
            if (earlier != null) {
                diagnostics.add(Diagnostic.error(LoadRules.PLATFORM, "team '" + name + "' is defined twice (first at line "
                                + earlier.location().line() + ")", m.entry("name").keyLocation(),
                        "merge the two entries into one"));
                continue;
            }
            if (prefixes != null) checkPrefixOverlap(name, prefixes, owned);
            teams.add(team);
        }
        return teams;
    }

    private record OwnedPrefix(String team, String kind, String prefix) {
    }

    /** Two teams owning overlapping prefixes would both own some names: ownership must be unambiguous. */
    private void checkPrefixOverlap(String team, MapNode prefixes, List<OwnedPrefix> owned) {
        List<OwnedPrefix> mine = new ArrayList<>();
        for (YamlNode.Entry kind : prefixes.entries().values()) {
            List<YamlNode> list = kind.value() instanceof YamlNode.ListNode l ? l.items() : List.of();
            for (YamlNode item : list) {
                if (!(item instanceof ScalarNode s) || s.kind() == ScalarKind.NULL) continue;
                for (OwnedPrefix other : owned) {
                    if (other.kind().equals(kind.key())
                            && (other.prefix().startsWith(s.text()) || s.text().startsWith(other.prefix()))) {
                        diagnostics.add(Diagnostic.error(LoadRules.PLATFORM, "team '" + team + "' " + kind.key()
                                        + " prefix '" + s.text() + "' overlaps prefix '" + other.prefix()
                                        + "' of team '" + other.team() + "'", s.location(),
                                "each name must belong to exactly one team; make the prefixes distinct"));
                    }
                }
                mine.add(new OwnedPrefix(team, kind.key(), s.text()));
            }
        }
        owned.addAll(mine);
    }

    private Map<String, SecretStoreConfig> secretStores(MapNode team, String teamName, List<String> stageNames) {
        Map<String, SecretStoreConfig> out = new LinkedHashMap<>();
        MapNode node = Nodes.map(team, "secretStores");
        if (node == null) return out;
        for (YamlNode.Entry e : node.entries().values()) {
            if (!(e.value() instanceof MapNode s)) continue;
            if (!e.key().equals("*") && !stageNames.contains(e.key())) {
                String hint = Suggestions.didYouMean(e.key(), stageNames);
                diagnostics.add(Diagnostic.error(LoadRules.PLATFORM, "team '" + teamName + "' has a secret store for '"
                        + e.key() + "', which is not a stage", e.keyLocation(),
                        hint != null ? hint : "use a stage name (" + String.join(", ", stageNames)
                                + ") or \"*\" for every stage not listed"));
            }
            Map<String, String> properties = new LinkedHashMap<>();
            for (YamlNode.Entry p : s.entries().values()) {
                if (!SECRET_STORE_KEYS.contains(p.key()) && p.value() instanceof ScalarNode v
                        && v.kind() != ScalarKind.NULL) {
                    properties.put(p.key(), v.asText());
                }
            }
            String path = Nodes.string(s, "path");
            out.put(e.key(), new SecretStoreConfig(Nodes.string(s, "type"), path != null ? path : Nodes.string(s, "url"),
                    properties));
        }
        return out;
    }

    private List<PolicyConfig> policies(MapNode root) {
        List<PolicyConfig> policies = new ArrayList<>();
        List<YamlNode> items = Nodes.list(root, "policies");
        if (items == null) return policies;
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof MapNode m) || !validation.isValid("#/policies/" + i)) continue;
            String level = Nodes.string(m, "level");
            Map<String, Object> params = new LinkedHashMap<>();
            MapNode paramsNode = Nodes.map(m, "params");
            if (paramsNode != null) {
                for (YamlNode.Entry e : paramsNode.entries().values()) {
                    Object v = Nodes.plain(e.value());
                    if (v != null) params.put(e.key(), v);
                }
            }
            policies.add(new PolicyConfig(Nodes.string(m, "rule"),
                    level == null ? null : PolicyLevel.valueOf(level.trim().toUpperCase(Locale.ROOT)), params,
                    m.location()));
        }
        return policies;
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
