package io.kafkaops.model.load;

import io.kafkaops.model.AclOperation;
import io.kafkaops.model.AclPermission;
import io.kafkaops.model.AclResourceType;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.DroppedNames;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.ExternalRef;
import io.kafkaops.model.Grant;
import io.kafkaops.model.LoadResult;
import io.kafkaops.model.Location;
import io.kafkaops.model.Origin;
import io.kafkaops.model.PatternType;
import io.kafkaops.model.RawAcl;
import io.kafkaops.model.ResourceRef;
import io.kafkaops.model.ServiceAccount;
import io.kafkaops.model.Topic;
import io.kafkaops.model.TopicOverride;
import io.kafkaops.model.Units;
import io.kafkaops.model.Visibility;
import io.kafkaops.model.load.YamlNode.MapNode;
import io.kafkaops.model.load.YamlNode.ScalarKind;
import io.kafkaops.model.load.YamlNode.ScalarNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds entity records from validated documents, accumulating across files. An entity whose subtree has a schema
 * problem is left out (its problem is already reported); the rest of the document still counts.
 */
final class EntityBuilder {

    private final List<Topic> topics = new ArrayList<>();
    private final List<ServiceAccount> serviceAccounts = new ArrayList<>();
    private final List<Grant> grants = new ArrayList<>();
    private final List<RawAcl> acls = new ArrayList<>();
    private final List<ExternalRef> externalTopics = new ArrayList<>();
    private final List<ExternalRef> externalServiceAccounts = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Set<String> droppedTopics = new HashSet<>();
    private final Set<String> droppedServiceAccounts = new HashSet<>();
    private final Set<String> unparsedNames = new HashSet<>();
    private boolean unreadable;

    List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    void addFile(String displayName) {
        files.add(displayName);
    }

    /** Appends everything another builder collected (the next file). */
    void addAll(EntityBuilder other) {
        topics.addAll(other.topics);
        serviceAccounts.addAll(other.serviceAccounts);
        grants.addAll(other.grants);
        acls.addAll(other.acls);
        externalTopics.addAll(other.externalTopics);
        externalServiceAccounts.addAll(other.externalServiceAccounts);
        files.addAll(other.files);
        diagnostics.addAll(other.diagnostics);
        droppedTopics.addAll(other.droppedTopics);
        droppedServiceAccounts.addAll(other.droppedServiceAccounts);
        unparsedNames.addAll(other.unparsedNames);
        unreadable |= other.unreadable;
    }

    /** A file that could not be read at all: nothing is known of what it declares. */
    void unreadable() {
        unreadable = true;
    }

    /** A file with a syntax error: it may declare any name it mentions. */
    void unparsed(String text) {
        Matcher m = NAME_LIKE.matcher(text);
        while (m.find()) unparsedNames.add(m.group());
    }

    private static final Pattern NAME_LIKE = Pattern.compile("[A-Za-z0-9._-]+");

    LoadResult<EntityModel> result() {
        EntityModel model = new EntityModel(topics, serviceAccounts, grants, acls, externalTopics,
                externalServiceAccounts, files,
                new DroppedNames(droppedTopics, droppedServiceAccounts, unparsedNames, unreadable));
        return new LoadResult<>(model, diagnostics.stream().sorted(Diagnostic.ORDER).toList());
    }

    void addDocument(YamlNode document, SchemaValidator.Result validation) {
        if (!(document instanceof MapNode root)) return;
        each(root, "topics", validation, this::topic);
        each(root, "serviceAccounts", validation, this::serviceAccount);
        each(root, "grants", validation, this::grant);
        each(root, "acls", validation, this::acl);
        MapNode external = Nodes.map(root, "external");
        if (external != null) {
            externals(external, "topics", "#/external/topics", validation, externalTopics);
            externals(external, "serviceAccounts", "#/external/serviceAccounts", validation, externalServiceAccounts);
        }
    }

    private interface ItemBuilder {
        void build(MapNode item, String path);
    }

    private void each(MapNode root, String key, SchemaValidator.Result validation, ItemBuilder builder) {
        List<YamlNode> items = Nodes.list(root, key);
        if (items == null) return;
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof MapNode item)) continue;
            String pointer = "#/" + key + "/" + i;
            if (validation.isValid(pointer)) {
                builder.build(item, key + "[" + i + "]");
            } else if (key.equals("topics")) {
                dropped(item, droppedTopics);
                checkConfigsOnly(item, key + "[" + i + "]", pointer, validation);
            } else if (key.equals("serviceAccounts")) {
                dropped(item, droppedServiceAccounts);
            }
        }
    }

    private static void dropped(MapNode item, Set<String> names) {
        if (item.entry("name") != null && item.entry("name").value() instanceof ScalarNode s
                && s.kind() != ScalarKind.NULL) {
            names.add(s.text());
        }
    }

    /** Unit mistakes in a topic left out for other reasons are reported too: all problems at once. */
    private void checkConfigsOnly(MapNode topic, String path, String pointer, SchemaValidator.Result validation) {
        if (validation.isValid(pointer + "/config")) config(Nodes.map(topic, "config"), path + ".config");
        MapNode overrides = Nodes.map(topic, "overrides");
        if (overrides == null) return;
        for (YamlNode.Entry e : overrides.entries().values()) {
            String p = pointer + "/overrides/" + e.key().replace("~", "~0").replace("/", "~1") + "/config";
            if (e.value() instanceof MapNode o && validation.isValid(p)) {
                config(Nodes.map(o, "config"), path + ".overrides." + e.key() + ".config");
            }
        }
    }

    private static void externals(MapNode external, String key, String pointer, SchemaValidator.Result validation,
                                  List<ExternalRef> out) {
        List<YamlNode> items = Nodes.list(external, key);
        if (items == null) return;
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof ScalarNode s && s.kind() == ScalarKind.STRING
                    && validation.isValid(pointer + "/" + i)) {
                out.add(new ExternalRef(s.text(), s.location()));
            }
        }
    }

    private void topic(MapNode m, String path) {
        Map<String, Location> fields = fields(m);
        Map<String, TopicOverride> overrides = new LinkedHashMap<>();
        MapNode overridesNode = Nodes.map(m, "overrides");
        if (overridesNode != null) {
            for (YamlNode.Entry e : overridesNode.entries().values()) {
                if (e.value() instanceof MapNode o) {
                    overrides.put(e.key(), new TopicOverride(Nodes.integer(o, "partitions"),
                            Nodes.integer(o, "replicationFactor"),
                            config(Nodes.map(o, "config"), path + ".overrides." + e.key() + ".config")));
                } else {
                    // "prod:" with nothing under it overrides nothing
                    overrides.put(e.key(), new TopicOverride(null, null, null));
                }
            }
        }
        String visibility = Nodes.string(m, "visibility");
        topics.add(new Topic(
                Nodes.string(m, "name"),
                Nodes.integer(m, "partitions"),
                Nodes.integer(m, "replicationFactor"),
                config(Nodes.map(m, "config"), path + ".config"),
                Nodes.textMap(Nodes.map(m, "metadata")),
                visibility == null ? null : Visibility.parse(visibility),
                Nodes.strings(m, "sharedWith"),
                Nodes.bool(m, "protected", false),
                Nodes.strings(m, "deployTo"),
                overrides,
                new Origin(m.location(), fields)));
    }

    /** Config values as Kafka expects them: units converted, numbers and booleans in canonical form. */
    private Map<String, String> config(MapNode config, String path) {
        Map<String, String> out = new LinkedHashMap<>();
        if (config == null) return out;
        for (YamlNode.Entry e : config.entries().values()) {
            if (!(e.value() instanceof ScalarNode s) || s.kind() == ScalarKind.NULL) continue;
            try {
                out.put(e.key(), Units.normalizeConfigValue(e.key(), s.asText()));
            } catch (IllegalArgumentException bad) {
                String kind = Units.isDurationKey(e.key()) ? "a duration such as 7d, 12h or 500ms"
                        : "a size such as 10MB or 1GiB";
                diagnostics.add(Diagnostic.error(LoadRules.SCHEMA, path + "." + e.key() + ": " + bad.getMessage(),
                        s.location(), e.key() + " takes " + kind + ", or a plain number"));
            }
        }
        return out;
    }

    private void serviceAccount(MapNode m, String path) {
        serviceAccounts.add(new ServiceAccount(
                Nodes.string(m, "name"),
                Nodes.string(m, "description"),
                Nodes.bool(m, "credentials", true),
                Nodes.textMap(Nodes.map(m, "metadata")),
                Nodes.strings(m, "deployTo"),
                new Origin(m.location(), fields(m))));
    }

    private void grant(MapNode m, String path) {
        grants.add(new Grant(
                Nodes.string(m, "serviceAccount"),
                refs(m, "produce"),
                refs(m, "consume"),
                refs(m, "groups"),
                refs(m, "transactionalIds"),
                new Origin(m.location(), fields(m))));
    }

    private static List<ResourceRef> refs(MapNode m, String key) {
        List<YamlNode> items = Nodes.list(m, key);
        List<ResourceRef> out = new ArrayList<>();
        if (items == null) return out;
        for (YamlNode item : items) {
            if (item instanceof ScalarNode s) {
                out.add(new ResourceRef(s.text(), PatternType.LITERAL, s.location()));
            } else if (item instanceof MapNode p) {
                out.add(new ResourceRef(Nodes.string(p, "prefix"), PatternType.PREFIXED, p.location()));
            }
        }
        return out;
    }

    private void acl(MapNode m, String path) {
        acls.add(new RawAcl(
                Nodes.string(m, "principal"),
                enumValue(AclResourceType.class, Nodes.string(m, "resourceType")),
                Nodes.string(m, "resourceName"),
                enumValue(PatternType.class, Nodes.string(m, "patternType")),
                enumValue(AclOperation.class, Nodes.string(m, "operation")),
                enumValue(AclPermission.class, Nodes.string(m, "permission")),
                Nodes.string(m, "host"),
                new Origin(m.location(), fields(m))));
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text) {
        return text == null ? null : Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
    }

    private static Map<String, Location> fields(MapNode m) {
        return Nodes.fields(m);
    }
}
