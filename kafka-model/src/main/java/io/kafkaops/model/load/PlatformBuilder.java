package io.kafkaops.model.load;

import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.KafkaNames;
import io.kafkaops.model.Location;
import io.kafkaops.model.Suggestions;
import io.kafkaops.model.Units;
import io.kafkaops.model.load.YamlNode.MapNode;
import io.kafkaops.model.load.YamlNode.ScalarKind;
import io.kafkaops.model.load.YamlNode.ScalarNode;
import io.kafkaops.model.platform.Cluster;
import io.kafkaops.model.platform.ClusterCredentials;
import io.kafkaops.model.platform.ConfluentCloud;
import io.kafkaops.model.platform.DebugSettings;
import io.kafkaops.model.platform.KubernetesSettings;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.model.platform.PolicyConfig;
import io.kafkaops.model.platform.PolicyLevel;
import io.kafkaops.model.platform.SecretStoreConfig;
import io.kafkaops.model.platform.Stage;
import io.kafkaops.model.platform.Team;
import io.kafkaops.model.platform.TeamPrefixes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Builds a {@link PlatformDefinition} from a validated document and checks its consistency. */
final class PlatformBuilder {

    /** Used when the definition has no {@code defaults}: production-safe, not convenient. */
    static final int DEFAULT_PARTITIONS = 3;
    static final int DEFAULT_REPLICATION_FACTOR = 3;

    private static final Set<String> SECRET_STORE_KEYS = Set.of("type", "path", "url");

    private final String source;
    private final SchemaValidator.Result validation;
    private final List<Diagnostic> diagnostics;
    /** The team names the document defines, for the stages' team-to-namespace mappings (read before the teams). */
    private Set<String> teamNames = new TreeSet<>();

    PlatformBuilder(String source, SchemaValidator.Result validation, List<Diagnostic> diagnostics) {
        this.source = source;
        this.validation = validation;
        this.diagnostics = diagnostics;
    }

    /**
     * A map of the document together with its JSON pointer, handing out only values the schema accepted. The
     * platform definition is built field by field rather than entry by entry, so that one bad value (a store
     * without path) does not hide the consistency problems of the rest of its entry.
     */
    private final class Valid {
        final MapNode node;
        final String pointer;

        Valid(MapNode node, String pointer) {
            this.node = node;
            this.pointer = pointer;
        }

        private boolean ok(String key) {
            return node.get(key) != null && validation.isValid(pointer + "/" + escape(key));
        }

        String string(String key) {
            return ok(key) ? Nodes.string(node, key) : null;
        }

        Integer integer(String key) {
            return ok(key) ? Nodes.integer(node, key) : null;
        }

        boolean bool(String key, boolean absent) {
            return ok(key) ? Nodes.bool(node, key, absent) : absent;
        }

        List<String> strings(String key) {
            return ok(key) ? Nodes.strings(node, key) : null;
        }

        Valid map(String key) {
            return ok(key) && node.get(key) instanceof MapNode m ? new Valid(m, pointer + "/" + escape(key)) : null;
        }

        /** The entries of a child map whose values are valid maps. */
        List<Map.Entry<YamlNode.Entry, Valid>> mapEntries() {
            List<Map.Entry<YamlNode.Entry, Valid>> out = new ArrayList<>();
            for (YamlNode.Entry e : node.entries().values()) {
                if (e.value() instanceof MapNode m && validation.isValid(pointer + "/" + escape(e.key()))) {
                    out.add(Map.entry(e, new Valid(m, pointer + "/" + escape(e.key()))));
                }
            }
            return out;
        }

        /** The items of a child list that are maps (valid or not: callers check the fields they need). */
        List<Valid> items(String key) {
            List<Valid> out = new ArrayList<>();
            if (!(node.get(key) instanceof YamlNode.ListNode l)) return out;
            for (int i = 0; i < l.items().size(); i++) {
                if (l.items().get(i) instanceof MapNode m) out.add(new Valid(m, pointer + "/" + key + "/" + i));
            }
            return out;
        }
    }

    PlatformDefinition build(YamlNode document) {
        if (!(document instanceof MapNode rootNode)) {
            return new PlatformDefinition(List.of(), Map.of(), List.of(), List.of(), DEFAULT_PARTITIONS,
                    DEFAULT_REPLICATION_FACTOR, source);
        }
        Valid root = new Valid(rootNode, "#");
        int partitions = DEFAULT_PARTITIONS;
        int replicationFactor = DEFAULT_REPLICATION_FACTOR;
        Valid defaults = root.map("defaults");
        if (defaults != null) {
            Integer p = defaults.integer("partitions");
            Integer r = defaults.integer("replicationFactor");
            partitions = p == null ? partitions : p;
            replicationFactor = r == null ? replicationFactor : r;
        }
        Map<String, Cluster> clusters = clusters(rootNode);
        teamNames = new TreeSet<>();
        for (Valid t : root.items("teams")) {
            if (t.string("name") != null) teamNames.add(t.string("name"));
        }
        List<Stage> stages = stages(root, clusters);
        List<Team> teams = teams(root, stages);
        List<PolicyConfig> policies = policies(root);
        return new PlatformDefinition(stages, clusters, teams, policies, partitions, replicationFactor, source);
    }

    private Map<String, Cluster> clusters(MapNode root) {
        Map<String, Cluster> clusters = new LinkedHashMap<>();
        if (!(root.get("clusters") instanceof MapNode node)) return clusters;
        for (YamlNode.Entry e : node.entries().values()) {
            if (!(e.value() instanceof MapNode m)) continue;
            Valid c = new Valid(m, "#/clusters/" + escape(e.key()));
            Map<String, String> properties = new LinkedHashMap<>();
            Valid props = c.map("properties");
            if (props != null) {
                for (YamlNode.Entry p : props.node.entries().values()) {
                    if (p.value() instanceof ScalarNode s && s.kind() != ScalarKind.NULL) {
                        properties.put(p.key(), s.asText());
                        checkNotSecret(e.key(), p);
                    }
                }
            }
            String type = c.string("type");
            boolean confluent = Cluster.TYPE_CONFLUENT_CLOUD.equals(type);
            Valid cred = c.map("credentials");
            ClusterCredentials credentials;
            ConfluentCloud cloud = null;
            if (confluent) {
                credentials = confluentCredentials(e.key(), m, cred, "clusterApiKey", "cluster API key");
                cloud = new ConfluentCloud(c.string("environment"), c.string("kafkaCluster"), c.string("apiBaseUrl"),
                        confluentCredentials(e.key(), m, cred, "cloudApiKey", "Cloud API key"), e.keyLocation());
            } else {
                credentials = cred == null ? ClusterCredentials.none()
                        : new ClusterCredentials(cred.string("server"), cred.string("usernameEnv"),
                        cred.string("passwordEnv"));
                if (cred != null) checkCredentials(e.key(), cred.node, credentials);
                checkNotConfluent(e.key(), m, cred);
            }
            Cluster cluster = new Cluster(e.key(), type == null ? Cluster.TYPE_APACHE_KAFKA : type,
                    c.string("bootstrapServers"), properties, credentials, e.keyLocation(), c.string("clusterId"),
                    replicationThrottle(e.key(), c), cloud);
            if (cluster.isEmbedded()) checkEmbedded(cluster.name(), m);
            clusters.put(e.key(), cluster);
        }
        return clusters;
    }

    /**
     * One of the two keys of a Confluent Cloud cluster, from {@code credentials.<which>}; a missing one or one given
     * the Apache Kafka way (credentials.server) is an error naming which key is meant.
     */
    private ClusterCredentials confluentCredentials(String cluster, MapNode node, Valid cred, String which,
                                                    String what) {
        YamlNode.Entry credEntry = node.entry("credentials");
        if (cred == null) {
            // the schema reports a missing credentials map; a present but invalid one it reports too
            return ClusterCredentials.none();
        }
        for (String key : List.of("server", "usernameEnv", "passwordEnv")) {
            YamlNode.Entry wrong = cred.node.entry(key);
            if (wrong != null && which.equals("clusterApiKey")) {
                diagnostics.add(Diagnostic.error(LoadRules.PLATFORM, "cluster '" + cluster + "' is a Confluent Cloud"
                                + " cluster: it takes two keys, credentials.cloudApiKey and credentials.clusterApiKey,"
                                + " so credentials." + key + " does not say which one it is", wrong.keyLocation(),
                        "move it under credentials.cloudApiKey (IAM) or credentials.clusterApiKey (Kafka Admin)"));
            }
        }
        Valid source = cred.map(which);
        if (source == null) {
            if (cred.node.entry(which) == null) {
                diagnostics.add(Diagnostic.error(LoadRules.PLATFORM, "cluster '" + cluster + "' is a Confluent Cloud"
                                + " cluster but names no source for its " + what + " (credentials." + which + ")",
                        credEntry.keyLocation(), "add credentials." + which + ": { server: <settings.xml server id> }"
                                + " or { usernameEnv: ..., passwordEnv: ... }"));
            }
            return ClusterCredentials.none();
        }
        ClusterCredentials c = new ClusterCredentials(source.string("server"), source.string("usernameEnv"),
                source.string("passwordEnv"));
        if (c.isNone()) {
            diagnostics.add(Diagnostic.error(LoadRules.PLATFORM, "cluster '" + cluster + "': credentials." + which
                            + " (the " + what + ") names neither a settings.xml server nor environment variables",
                    source.node.location(), "add server: <settings.xml server id>, or usernameEnv and passwordEnv"));
        } else if (c.server() != null && (c.usernameEnv() != null || c.passwordEnv() != null)) {
            diagnostics.add(Diagnostic.error(LoadRules.PLATFORM, "cluster '" + cluster + "': credentials." + which
                    + " (the " + what + ") names both a settings.xml server and environment variables",
                    source.node.location(), "use either server or usernameEnv/passwordEnv"));
        } else if ((c.usernameEnv() == null) != (c.passwordEnv() == null) && c.server() == null) {
            diagnostics.add(Diagnostic.error(LoadRules.PLATFORM, "cluster '" + cluster + "': credentials." + which
                    + " (the " + what + ") needs both usernameEnv and passwordEnv", source.node.location(),
                    "add the missing " + (c.usernameEnv() == null ? "usernameEnv" : "passwordEnv")));
        }
        return c;
    }

    /** The Confluent Cloud settings mean nothing on another type of cluster: say so rather than ignore them. */
    private void checkNotConfluent(String cluster, MapNode node, Valid cred) {
        List<YamlNode.Entry> stray = new ArrayList<>();
        for (String key : List.of("environment", "kafkaCluster", "apiBaseUrl")) {
            if (node.entry(key) != null) stray.add(node.entry(key));
        }
        if (cred != null) {
            for (String key : List.of("cloudApiKey", "clusterApiKey")) {
                if (cred.node.entry(key) != null) stray.add(cred.node.entry(key));
            }
        }
        for (YamlNode.Entry e : stray) {
            diagnostics.add(Diagnostic.error(LoadRules.PLATFORM, "cluster '" + cluster + "' is not a Confluent Cloud"
                            + " cluster, so '" + e.key() + "' does not apply to it", e.keyLocation(),
                    "set type: confluent-cloud, or remove " + e.key()));
        }
    }

    /** Bytes per second, or 0 (the default) when not given or not a rate. */
    private long replicationThrottle(String cluster, Valid c) {
        if (!c.ok("replicationThrottle") || !(c.node.get("replicationThrottle") instanceof ScalarNode s)) return 0;
        try {
            return Units.parseBytesPerSecond(s.asText());
        } catch (IllegalArgumentException ex) {
            diagnostics.add(Diagnostic.error(LoadRules.PLATFORM, "cluster '" + cluster + "' has replicationThrottle '"
                    + s.asText() + "', which is not a positive number of bytes per second", s.location(),
                    "give a number with an optional unit (B, KB, MB, GB, KiB, MiB, GiB) and /s, for example 50MiB/s"));
            return 0;
        }
    }

    /** An embedded cluster is started by the plugin: what would say how to reach a running one does not apply. */
    private void checkEmbedded(String cluster, MapNode node) {
        for (String key : List.of("bootstrapServers", "credentials", "properties")) {
            YamlNode.Entry entry = node.entry(key);
            if (entry == null) continue;
            diagnostics.add(Diagnostic.warn(LoadRules.PLATFORM, "cluster '" + cluster + "' is embedded: the plugin"
                            + " starts it on a random local port with its own admin user, so '" + key + "' is ignored",
                    entry.keyLocation(), "remove " + key + " from the embedded cluster"));
        }
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

    private List<Stage> stages(Valid root, Map<String, Cluster> clusters) {
        List<Stage> stages = new ArrayList<>();
        Map<String, Stage> byName = new HashMap<>();
        for (Valid v : root.items("stages")) {
            MapNode m = v.node;
            String name = v.string("name");
            String cluster = v.string("cluster");
            if (name == null || cluster == null) continue;
            boolean embedded = clusters.containsKey(cluster) && clusters.get(cluster).isEmbedded();
            // a development stage's broker is thrown away anyway: it follows the files, deletes included
            Stage stage = new Stage(name, cluster, v.string("prefix"), v.bool("allowDeletes", embedded),
                    m.location(), debugSettings(name, v));
            Stage earlier = byName.putIfAbsent(stage.name(), stage);
            if (earlier != null) {
                diagnostics.add(Diagnostic.error(LoadRules.PLATFORM, "stage '" + stage.name()
                                + "' is defined twice (first at line " + earlier.location().line() + ")",
                        m.entry("name").value().location(), "give every stage its own name"));
                continue;
            }
            String prefixProblem = KafkaNames.prefixProblem(stage.prefix());
            if (prefixProblem != null) {
                diagnostics.add(Diagnostic.error(LoadRules.PLATFORM, "stage '" + stage.name() + "' has prefix '"
                                + KafkaNames.shown(stage.prefix()) + "', which " + prefixProblem,
                        prefixLocation(m), "use a prefix such as \"" + stage.name() + ".\""));
            }
            if (!clusters.containsKey(stage.cluster())) {
                String hint = Suggestions.didYouMean(stage.cluster(), clusters.keySet());
                diagnostics.add(Diagnostic.error(LoadRules.PLATFORM, "stage '" + stage.name()
                                + "' uses cluster '" + stage.cluster() + "', which is not defined under clusters",
                        m.entry("cluster").value().location(),
                        hint != null ? hint : "define it under clusters, or use one of: "
                                + String.join(", ", clusters.keySet())));
            }
            for (Stage other : stages) {
                if (embedded && other.cluster().equals(stage.cluster())) {
                    diagnostics.add(Diagnostic.error(LoadRules.PLATFORM, "stages '" + other.name() + "' and '"
                                    + stage.name() + "' share the embedded cluster '" + stage.cluster()
                                    + "', but every embedded stage starts a broker of its own",
                            m.entry("cluster").value().location(),
                            "define one embedded cluster per stage (for example local: { type: embedded })"));
                    continue;
                }
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

    /** A stage's {@code debug:} settings; the defaults where it has none or a value is bad (reported here). */
    private DebugSettings debugSettings(String stage, Valid v) {
        // read even where another debug setting is wrong, so that its problems are reported at once
        KubernetesSettings kubernetes = v.node.get("debug") instanceof MapNode d
                && d.get("kubernetes") instanceof MapNode k ? kubernetes(stage, new Valid(k, v.pointer + "/debug/kubernetes"),
                d.entry("kubernetes").keyLocation()) : null;
        Valid debug = v.map("debug");
        if (debug == null) {
            return kubernetes == null ? DebugSettings.DEFAULT
                    : new DebugSettings(DebugSettings.DEFAULT_MAX_LIFETIME, false, kubernetes);
        }
        Duration maxLifetime = DebugSettings.DEFAULT_MAX_LIFETIME;
        String max = debug.string("maxLifetime");
        if (max != null) {
            Location at = debug.node.entry("maxLifetime").value().location();
            try {
                long ms = Units.parseDurationMs(max);
                if (ms < 0) {
                    diagnostics.add(Diagnostic.error(LoadRules.PLATFORM, "stage '" + stage + "' has debug maxLifetime '"
                            + max + "', which is negative", at, "use a duration such as 30m or 8h, or 0 for no debug sessions"));
                } else {
                    maxLifetime = Duration.ofMillis(ms);
                }
            } catch (IllegalArgumentException e) {
                diagnostics.add(Diagnostic.error(LoadRules.PLATFORM, "stage '" + stage + "' has debug maxLifetime: "
                        + e.getMessage(), at, "use a duration such as 30m or 8h, or 0 for no debug sessions"));
            }
        }
        return new DebugSettings(maxLifetime, debug.bool("requireReason", false), kubernetes);
    }

    /**
     * A stage's {@code debug.kubernetes:}; null when absent or without a usable team-to-namespace mapping. Every team
     * named must be defined, and no two teams share a namespace: a namespace is where one team's sessions run.
     */
    private KubernetesSettings kubernetes(String stage, Valid k, Location at) {
        Map<String, String> namespaces = new LinkedHashMap<>();
        Map<String, String> teamOfNamespace = new HashMap<>();
        // entry by entry: one bad namespace does not hide the other teams' mappings
        if (k.node.get("namespaces") instanceof MapNode ns) {
            for (YamlNode.Entry e : ns.entries().values()) {
                if (!(e.value() instanceof ScalarNode v) || v.kind() == ScalarKind.NULL
                        || !validation.isValid(k.pointer + "/namespaces/" + escape(e.key()))) {
                    continue; // the schema reported it
                }
                if (!teamNames.contains(e.key())) {
                    String hint = Suggestions.didYouMean(e.key(), teamNames);
                    diagnostics.add(Diagnostic.error(LoadRules.PLATFORM, "stage '" + stage + "' gives a debug namespace"
                            + " to team '" + e.key() + "', which is not defined under teams", e.keyLocation(),
                            hint != null ? hint : "use a team name" + (teamNames.isEmpty() ? ""
                                    : " (one of: " + String.join(", ", teamNames) + ")")));
                    continue;
                }
                String earlier = teamOfNamespace.putIfAbsent(v.text(), e.key());
                if (earlier != null) {
                    diagnostics.add(Diagnostic.error(LoadRules.PLATFORM, "stage '" + stage + "' gives namespace '"
                            + v.text() + "' to both team '" + earlier + "' and team '" + e.key() + "'; a namespace"
                            + " holds the debug sessions of one team only", v.location(),
                            "give every team a namespace of its own"));
                    continue;
                }
                namespaces.put(e.key(), v.text());
            }
        }
        if (namespaces.isEmpty()) return null;
        Duration ttl = null;
        String ttlText = k.string("ttlAfterFinished");
        if (ttlText != null) {
            try {
                ttl = Duration.ofMillis(Units.parseDurationMs(ttlText));
            } catch (IllegalArgumentException e) {
                diagnostics.add(Diagnostic.error(LoadRules.PLATFORM, "stage '" + stage + "' has debug.kubernetes"
                        + " ttlAfterFinished: " + e.getMessage(), k.node.entry("ttlAfterFinished").value().location(),
                        "use a duration such as 10m"));
            }
        }
        long runAsUser = k.ok("runAsUser") && k.node.get("runAsUser") instanceof ScalarNode u
                && u.value() instanceof Long l ? l : 0;
        return new KubernetesSettings(k.string("apiServer"), k.string("context"), k.string("image"), namespaces,
                resources(k.map("requests")), resources(k.map("limits")), ttl, runAsUser, k.string("toolsDir"), at);
    }

    private static Map<String, String> resources(Valid r) {
        Map<String, String> out = new TreeMap<>();
        if (r == null) return out;
        for (String key : List.of("cpu", "memory")) {
            String value = r.string(key);
            if (value != null) out.put(key, value);
        }
        return out;
    }

    private static Location prefixLocation(MapNode stage) {
        YamlNode.Entry prefix = stage.entry("prefix");
        return prefix != null ? prefix.value().location() : stage.location();
    }

    private List<Team> teams(Valid root, List<Stage> stages) {
        List<Team> teams = new ArrayList<>();
        Map<String, Team> byName = new HashMap<>();
        List<String> stageNames = stages.stream().map(Stage::name).toList();
        List<OwnedPrefix> owned = new ArrayList<>();
        for (Valid v : root.items("teams")) {
            String name = v.string("name");
            if (name == null) continue;
            Valid prefixes = v.map("prefixes");
            TeamPrefixes teamPrefixes = prefixes == null ? new TeamPrefixes(null, null, null, null)
                    : new TeamPrefixes(prefixes.strings("topics"), prefixes.strings("serviceAccounts"),
                    prefixes.strings("groups"), prefixes.strings("transactionalIds"));
            Team team = new Team(name, teamPrefixes, v.strings("repositories"), secretStores(v, name, stageNames),
                    v.node.location());
            Team earlier = byName.putIfAbsent(name, team);
            if (earlier != null) {
                diagnostics.add(Diagnostic.error(LoadRules.PLATFORM, "team '" + name + "' is defined twice (first at line "
                                + earlier.location().line() + ")", v.node.entry("name").value().location(),
                        "merge the two entries into one"));
                continue;
            }
            if (prefixes != null) checkPrefixOverlap(name, prefixes.node, owned);
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

    private Map<String, SecretStoreConfig> secretStores(Valid team, String teamName, List<String> stageNames) {
        Map<String, SecretStoreConfig> out = new LinkedHashMap<>();
        if (!(team.node.get("secretStores") instanceof MapNode node)) return out;
        for (YamlNode.Entry e : node.entries().values()) {
            if (!e.key().equals("*") && !stageNames.contains(e.key())) {
                String hint = Suggestions.didYouMean(e.key(), stageNames);
                diagnostics.add(Diagnostic.error(LoadRules.PLATFORM, "team '" + teamName + "' has a secret store for '"
                        + e.key() + "', which is not a stage", e.keyLocation(),
                        hint != null ? hint : "use a stage name (" + String.join(", ", stageNames)
                                + ") or \"*\" for every stage not listed"));
            }
        }
        // one store without its path leaves the other stores of the team intact
        Valid stores = new Valid(node, team.pointer + "/secretStores");
        for (Map.Entry<YamlNode.Entry, Valid> e : stores.mapEntries()) {
            Valid s = e.getValue();
            Map<String, String> properties = new LinkedHashMap<>();
            for (YamlNode.Entry p : s.node.entries().values()) {
                if (!SECRET_STORE_KEYS.contains(p.key()) && p.value() instanceof ScalarNode v
                        && v.kind() != ScalarKind.NULL) {
                    properties.put(p.key(), v.asText());
                }
            }
            String path = s.string("path");
            out.put(e.getKey().key(), new SecretStoreConfig(s.string("type"), path != null ? path : s.string("url"),
                    properties));
        }
        return out;
    }

    private List<PolicyConfig> policies(Valid root) {
        List<PolicyConfig> policies = new ArrayList<>();
        for (Valid v : root.items("policies")) {
            String rule = v.string("rule");
            if (rule == null || !validation.isValid(v.pointer)) continue;
            String level = v.string("level");
            Map<String, Object> params = new LinkedHashMap<>();
            Valid paramsNode = v.map("params");
            if (paramsNode != null) {
                for (YamlNode.Entry e : paramsNode.node.entries().values()) {
                    Object value = Nodes.plain(e.value());
                    if (value != null) params.put(e.key(), value);
                }
            }
            policies.add(new PolicyConfig(rule,
                    level == null ? null : PolicyLevel.valueOf(level.trim().toUpperCase(Locale.ROOT)), params,
                    v.node.location()));
        }
        return policies;
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
