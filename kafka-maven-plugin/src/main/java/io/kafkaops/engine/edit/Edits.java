package io.kafkaops.engine.edit;

import static io.kafkaops.engine.edit.Workspace.ACLS;
import static io.kafkaops.engine.edit.Workspace.GRANTS;
import static io.kafkaops.engine.edit.Workspace.SERVICE_ACCOUNTS;
import static io.kafkaops.engine.edit.Workspace.TOPICS;

import io.kafkaops.engine.edit.Workspace.Item;
import io.kafkaops.engine.edit.yaml.Renderer;
import io.kafkaops.engine.edit.yaml.SourceFile;
import io.kafkaops.engine.edit.yaml.Style;
import io.kafkaops.engine.edit.yaml.Surgery;
import io.kafkaops.engine.edit.yaml.Value.ListValue;
import io.kafkaops.engine.edit.yaml.Value.MapValue;
import io.kafkaops.engine.edit.yaml.Value.Scalar;
import io.kafkaops.engine.edit.yaml.Value;
import io.kafkaops.engine.edit.yaml.YamlNodes;
import io.kafkaops.engine.edit.yaml.YamlText;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Location;
import io.kafkaops.model.load.CoreSchema;
import io.kafkaops.policy.internal.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Applies one {@link EntityEdit} to the texts of a {@link Workspace}. Every step finds the entity afresh in the
 * current text, makes one {@link Surgery} and re-parses, so steps never work on stale positions. Problems with the
 * request (unknown names, duplicates) are collected before the first change.
 */
final class Edits {

    /** Key order of new keys in existing entities: after the last key that comes earlier in this order. */
    private static final List<String> TOPIC_KEYS = List.of("name", "partitions", "replicationFactor", "config",
            "metadata", "visibility", "sharedWith", "protected", "deployTo", "overrides");
    private static final List<String> GRANT_KEYS = List.of("serviceAccount", "produce", "consume", "groups",
            "transactionalIds");

    /** Where new entities go when no file holds entities of their kind yet. */
    static final Map<String, String> DEFAULT_FILES = Map.of(TOPICS, "topics.yaml",
            SERVICE_ACCOUNTS, "service-accounts.yaml", GRANTS, "grants.yaml");

    private final Workspace ws;
    private final String targetFile;
    final List<String> summary = new ArrayList<>();
    final List<Diagnostic> problems = new ArrayList<>();

    Edits(Workspace ws, String targetFile) {
        this.ws = ws;
        this.targetFile = targetFile;
    }

    void apply(EntityEdit edit) {
        if (edit instanceof EntityEdit.AddTopics a) addTopics(a);
        else if (edit instanceof EntityEdit.AddServiceAccounts a) addServiceAccounts(a);
        else if (edit instanceof EntityEdit.Grant g) grant(g);
        else if (edit instanceof EntityEdit.Revoke r) revoke(r);
        else if (edit instanceof EntityEdit.Remove r) remove(r);
        else if (edit instanceof EntityEdit.UpdateTopics u) updateTopics(u);
        else throw new IllegalArgumentException("unknown edit " + edit);
    }

    // ---- add -----------------------------------------------------------------------------------------------------

    private void addTopics(EntityEdit.AddTopics a) {
        for (String name : a.names()) {
            ws.topic(name).ifPresent(found -> problems.add(Diagnostic.error(EditRules.DUPLICATE,
                    "topic '" + name + "' is already declared here", found.location("name"),
                    "use kafka:update-topic to change it, or choose another name")));
        }
        if (!problems.isEmpty()) return;
        List<Value> values = a.names().stream().map(n -> topicValue(n, a.settings())).toList();
        SourceFile f = appendEntities(TOPICS, values);
        if (f != null) a.names().forEach(n -> summary.add("added topic " + n + " to " + f.displayName));
    }

    private static Value topicValue(String name, TopicSettings s) {
        List<Map.Entry<String, Value>> e = new ArrayList<>();
        e.add(Map.entry("name", Scalar.string(name)));
        if (s.partitions() != null) e.add(Map.entry("partitions", Scalar.typed(s.partitions().toString())));
        if (s.replicationFactor() != null) {
            e.add(Map.entry("replicationFactor", Scalar.typed(s.replicationFactor().toString())));
        }
        if (!s.config().isEmpty()) e.add(Map.entry("config", MapValue.ofTexts(s.config(), true)));
        if (!s.metadata().isEmpty()) e.add(Map.entry("metadata", MapValue.ofTexts(s.metadata(), false)));
        if (s.visibility() != null) e.add(Map.entry("visibility", Scalar.string(s.visibility())));
        if (s.sharedWith() != null) e.add(Map.entry("sharedWith", ListValue.ofStrings(s.sharedWith())));
        if (s.protectedTopic() != null) e.add(Map.entry("protected", Scalar.typed(s.protectedTopic().toString())));
        if (s.deployTo() != null) e.add(Map.entry("deployTo", ListValue.ofStrings(s.deployTo())));
        return new MapValue(e, false);
    }

    private void addServiceAccounts(EntityEdit.AddServiceAccounts a) {
        for (String name : a.names()) {
            ws.serviceAccount(name).ifPresent(found -> problems.add(Diagnostic.error(EditRules.DUPLICATE,
                    "service account '" + name + "' is already declared here", found.location("name"),
                    "choose another name, or edit the declaration")));
        }
        if (!problems.isEmpty()) return;
        List<Value> values = new ArrayList<>();
        for (String name : a.names()) {
            List<Map.Entry<String, Value>> e = new ArrayList<>();
            e.add(Map.entry("name", Scalar.string(name)));
            if (a.description() != null) e.add(Map.entry("description", Scalar.string(a.description())));
            if (a.credentials() != null) e.add(Map.entry("credentials", Scalar.typed(a.credentials().toString())));
            if (!a.metadata().isEmpty()) e.add(Map.entry("metadata", MapValue.ofTexts(a.metadata(), false)));
            if (a.deployTo() != null) e.add(Map.entry("deployTo", ListValue.ofStrings(a.deployTo())));
            values.add(new MapValue(e, false));
        }
        SourceFile f = appendEntities(SERVICE_ACCOUNTS, values);
        if (f != null) a.names().forEach(n -> summary.add("added service account " + n + " to " + f.displayName));
    }

    /**
     * Appends entities to the list of their kind in the target file: {@code kafka.file}, else the first file that
     * has such a list, else the kind's default file (created with a schema modeline when missing).
     */
    private SourceFile appendEntities(String kind, List<Value> values) {
        SourceFile f = target(kind);
        YamlText t = f.yaml();
        Renderer r = ws.renderer(f);
        NodeTuple list = Workspace.firstList(t, kind);
        if (list != null) {
            if (list.getValueNode().getAnchor() != null) {
                problems.add(Diagnostic.error(EditRules.ANCHORS, "the " + kind + " list carries a YAML anchor, which an "
                        + "automatic edit could break", location(f, list.getKeyNode()), "add the entries by hand"));
                return null;
            }
            f.set(Surgery.appendItems(t, (ScalarNode) list.getKeyNode(), (SequenceNode) list.getValueNode(), values, r));
            return f;
        }
        MappingNode root = null;
        if (!t.documents().isEmpty()) {
            Node last = t.documents().get(t.documents().size() - 1);
            if (!(last instanceof MappingNode m) || YamlText.isFlow(m) || m.getValue().isEmpty()) {
                problems.add(Diagnostic.error(EditRules.PARAMETER, "the file's last document is not a block map of "
                                + "entity lists, so " + kind + " cannot be added to it automatically",
                        location(f, last), "choose another file with -D" + EditParameters.FILE + ", or add the entries"
                                + " by hand"));
                return null;
            }
            root = m;
        }
        if (f.isNew()) {
            f.set(ws.modeline(f) + r.style().eol());
            t = f.yaml();
        }
        f.set(Surgery.addTopLevelEntry(t, root, kind, new ListValue(values, false), r));
        return f;
    }

    private SourceFile target(String kind) {
        if (targetFile != null) return ws.file(targetFile);
        for (SourceFile f : ws.files()) {
            if (Workspace.firstList(f.yaml(), kind) != null) return f;
        }
        return ws.file(DEFAULT_FILES.get(kind));
    }

    // ---- grant and revoke ----------------------------------------------------------------------------------------

    private void grant(EntityEdit.Grant g) {
        for (String sa : g.serviceAccounts()) {
            List<String> added = new ArrayList<>();
            List<String> had = new ArrayList<>();
            List<Item> entries = ws.grants(sa);
            if (entries.isEmpty()) {
                List<Map.Entry<String, Value>> e = new ArrayList<>();
                e.add(Map.entry("serviceAccount", Scalar.string(sa)));
                for (String key : Access.KEYS) {
                    List<Access.Resource> items = g.access().get(key);
                    if (!items.isEmpty()) e.add(Map.entry(key, new ListValue(values(items), null)));
                }
                SourceFile f = appendEntities(GRANTS, List.of(new MapValue(e, false)));
                if (f != null) summary.add("granted " + sa + ": " + g.access().describe() + " (new grant in "
                        + f.displayName + ")");
                continue;
            }
            if (anchored(entries.get(0), "the grant for '" + sa + "'")) continue;
            for (String key : Access.KEYS) {
                List<Access.Resource> wanted = new ArrayList<>();
                for (Access.Resource res : g.access().get(key)) {
                    if (findGrantItem(sa, key, res).isPresent()) had.add(key + " " + res);
                    else {
                        wanted.add(res);
                        added.add(key + " " + res);
                    }
                }
                if (!wanted.isEmpty()) extendGrant(ws.grants(sa).get(0), key, wanted);
            }
            Item first = ws.grants(sa).get(0);
            if (!added.isEmpty()) {
                summary.add("granted " + sa + ": " + String.join(", ", added) + " (extended the grant at "
                        + first.location("serviceAccount") + ")");
            }
            if (!had.isEmpty()) summary.add(sa + " already had " + String.join(", ", had));
        }
    }

    private static List<Value> values(List<Access.Resource> items) {
        List<Value> out = new ArrayList<>();
        for (Access.Resource r : items) {
            out.add(r.prefix() ? new MapValue(List.of(Map.entry("prefix", Scalar.string(r.name()))), true)
                    : Scalar.string(r.name()));
        }
        return out;
    }

    private void extendGrant(Item entry, String key, List<Access.Resource> items) {
        SourceFile f = entry.file();
        YamlText t = f.yaml();
        Renderer r = grantRenderer(f, entry.map());
        NodeTuple tuple = YamlNodes.entry(entry.map(), key);
        if (tuple != null && tuple.getValueNode() instanceof SequenceNode seq) {
            f.set(Surgery.appendItems(t, (ScalarNode) tuple.getKeyNode(), seq, values(items), r));
        } else if (tuple != null) {
            f.set(Surgery.replaceValue(t, tuple, new ListValue(values(items), null), r));
        } else {
            f.set(Surgery.insertEntry(t, entry.map(), insertAfter(entry.map(), key, GRANT_KEYS), key,
                    new ListValue(values(items), null), r));
        }
    }

    /** Lists in a grant look like the grant's other lists; failing that, like the file's. */
    private Renderer grantRenderer(SourceFile f, MappingNode grant) {
        Style style = ws.renderer(f).style();
        for (String k : Access.KEYS) {
            if (YamlNodes.value(grant, k) instanceof SequenceNode s) return new Renderer(style.withFlowLists(YamlText.isFlow(s)));
        }
        return new Renderer(style);
    }

    /** The grant entry of a service account holding a right, and the right's index in the list. */
    private record GrantItem(Item entry, int index) {
    }

    private Optional<GrantItem> findGrantItem(String sa, String key, Access.Resource res) {
        for (Item entry : ws.grants(sa)) {
            if (!(YamlNodes.value(entry.map(), key) instanceof SequenceNode seq)) continue;
            for (int i = 0; i < seq.getValue().size(); i++) {
                if (res.equals(resource(seq.getValue().get(i)))) return Optional.of(new GrantItem(entry, i));
            }
        }
        return Optional.empty();
    }

    private static Access.Resource resource(Node n) {
        if (n instanceof ScalarNode s) return new Access.Resource(s.getValue(), false);
        if (n instanceof MappingNode m) {
            String p = YamlNodes.text(YamlNodes.value(m, "prefix"));
            if (p != null) return new Access.Resource(p, true);
        }
        return null;
    }

    private void revoke(EntityEdit.Revoke rv) {
        Set<String> withGrants = new LinkedHashSet<>();
        for (Item i : ws.items(GRANTS)) withGrants.add(i.field("serviceAccount"));
        for (String sa : rv.serviceAccounts()) {
            if (!withGrants.contains(sa)) {
                problems.add(Diagnostic.error(EditRules.UNKNOWN_ENTITY, "-D" + EditParameters.SERVICE_ACCOUNT
                                + " names '" + sa + "', which has no grant in this repository",
                        EditParameters.COMMAND_LINE,
                        hint(sa, withGrants, "service accounts with grants: " + listed(withGrants))));
                continue;
            }
            for (String key : Access.KEYS) {
                for (Access.Resource res : rv.access().get(key)) {
                    if (findGrantItem(sa, key, res).isEmpty()) {
                        problems.add(Diagnostic.error(EditRules.NOT_GRANTED, "'" + sa + "' has no " + key + " '" + res
                                        + "' to revoke", ws.grants(sa).get(0).location("serviceAccount"),
                                "its grant lists " + describeGrant(sa)));
                    }
                }
            }
            for (Item entry : ws.grants(sa)) anchored(entry, "the grant for '" + sa + "'");
        }
        if (!problems.isEmpty()) return;
        for (String sa : rv.serviceAccounts()) {
            boolean entryRemoved = false;
            for (String key : Access.KEYS) {
                for (Access.Resource res : rv.access().get(key)) {
                    entryRemoved |= removeGrantItem(findGrantItem(sa, key, res).orElseThrow(), key);
                }
            }
            summary.add("revoked from " + sa + ": " + rv.access().describe()
                    + (entryRemoved ? " (its grant had nothing left and was removed)" : ""));
        }
    }

    private String describeGrant(String sa) {
        List<String> parts = new ArrayList<>();
        for (String key : Access.KEYS) {
            List<String> names = new ArrayList<>();
            for (Item entry : ws.grants(sa)) {
                if (YamlNodes.value(entry.map(), key) instanceof SequenceNode seq) {
                    for (Node n : seq.getValue()) {
                        Access.Resource r = resource(n);
                        if (r != null) names.add(r.toString());
                    }
                }
            }
            if (!names.isEmpty()) parts.add(key + " " + String.join(", ", names));
        }
        return parts.isEmpty() ? "nothing" : String.join("; ", parts);
    }

    /**
     * Removes one right from a grant; a list left empty goes, and a grant left without rights goes as a whole.
     *
     * @return whether the whole grant entry was removed
     */
    private boolean removeGrantItem(GrantItem gi, String key) {
        Item entry = gi.entry();
        SourceFile f = entry.file();
        YamlText t = f.yaml();
        NodeTuple tuple = YamlNodes.entry(entry.map(), key);
        SequenceNode seq = (SequenceNode) tuple.getValueNode();
        if (seq.getValue().size() > 1) {
            f.set(Surgery.removeItem(t, (ScalarNode) tuple.getKeyNode(), seq, gi.index()));
            return false;
        }
        boolean otherRights = false;
        for (String k : Access.KEYS) {
            if (!k.equals(key) && YamlNodes.value(entry.map(), k) instanceof SequenceNode s && !s.getValue().isEmpty()) {
                otherRights = true;
            }
        }
        if (otherRights) {
            f.set(Surgery.removeEntry(t, entry.map(), YamlNodes.indexOf(entry.map(), key)));
            return false;
        }
        f.set(Surgery.removeItem(t, entry.key(), entry.list(), entry.index()));
        return true;
    }

    // ---- remove --------------------------------------------------------------------------------------------------

    private void remove(EntityEdit.Remove rm) {
        Set<String> topicNames = names(TOPICS);
        Set<String> accountNames = names(SERVICE_ACCOUNTS);
        List<String> externalTopics = ws.external("topics");
        List<String> externalAccounts = ws.external("serviceAccounts");
        for (String t : rm.topics()) {
            Optional<Item> item = ws.topic(t);
            if (item.isEmpty()) {
                problems.add(unknown(EditParameters.TOPICS, "topic", t, topicNames, externalTopics.contains(t)
                        ? "it is listed under external.topics: another repository owns it; remove that line by hand if"
                        + " this repository no longer uses it" : null));
            } else {
                anchored(item.get(), "topic '" + t + "'");
            }
        }
        for (String sa : rm.serviceAccounts()) {
            Optional<Item> item = ws.serviceAccount(sa);
            if (item.isEmpty()) {
                problems.add(unknown(EditParameters.SERVICE_ACCOUNTS, "service account", sa, accountNames,
                        externalAccounts.contains(sa) ? "it is listed under external.serviceAccounts: another "
                                + "repository owns it" : null));
            } else {
                anchored(item.get(), "service account '" + sa + "'");
                for (Item g : ws.grants(sa)) anchored(g, "the grant for '" + sa + "'");
            }
        }
        // Raw ACLs are the hand-written escape hatch: one that names a removed topic for another principal is left
        // for a person to decide, rather than silently changed or dropped.
        for (Item acl : ws.items(ACLS)) {
            String principal = acl.field("principal");
            String account = principal != null && principal.startsWith("User:") ? principal.substring(5) : principal;
            if (rm.serviceAccounts().contains(account)) {
                anchored(acl, "a raw ACL of '" + account + "'");
                continue;
            }
            String type = acl.field("resourceType");
            String pattern = acl.field("patternType");
            String name = acl.field("resourceName");
            if (type != null && type.equalsIgnoreCase("TOPIC") && (pattern == null || pattern.equalsIgnoreCase("LITERAL"))
                    && rm.topics().contains(name)) {
                problems.add(Diagnostic.error(EditRules.REMOVAL, "the raw ACL for '" + principal + "' names topic '"
                        + name + "', which this request removes", acl.location("resourceName"),
                        "raw ACLs are not changed automatically: remove or change this ACL by hand, then run the goal "
                                + "again"));
            }
        }
        if (!problems.isEmpty()) return;

        for (String t : rm.topics()) {
            Item item = ws.topic(t).orElseThrow();
            String file = item.file().displayName;
            item.file().set(Surgery.removeItem(item.file().yaml(), item.key(), item.list(), item.index()));
            summary.add("removed topic " + t + " from " + file);
            for (Item g : ws.items(GRANTS)) {
                String sa = g.field("serviceAccount");
                if (sa == null || rm.serviceAccounts().contains(sa)) continue;
                for (String key : List.of("produce", "consume")) {
                    Access.Resource res = new Access.Resource(t, false);
                    Optional<GrantItem> gi;
                    while ((gi = findGrantItem(sa, key, res)).isPresent()) {
                        boolean gone = removeGrantItem(gi.get(), key);
                        summary.add("  removed " + key + " " + t + " from the grant for " + sa
                                + (gone ? " (the grant had nothing left and was removed)" : ""));
                    }
                }
            }
        }
        for (String sa : rm.serviceAccounts()) {
            Item item = ws.serviceAccount(sa).orElseThrow();
            String file = item.file().displayName;
            item.file().set(Surgery.removeItem(item.file().yaml(), item.key(), item.list(), item.index()));
            summary.add("removed service account " + sa + " from " + file);
            List<Item> grants;
            while (!(grants = ws.grants(sa)).isEmpty()) {
                Item g = grants.get(0);
                String gFile = g.file().displayName;
                g.file().set(Surgery.removeItem(g.file().yaml(), g.key(), g.list(), g.index()));
                summary.add("  removed its grant from " + gFile);
            }
            Optional<Item> acl;
            while ((acl = aclOf(sa)).isPresent()) {
                Item a = acl.get();
                String aFile = a.file().displayName;
                a.file().set(Surgery.removeItem(a.file().yaml(), a.key(), a.list(), a.index()));
                summary.add("  removed its raw ACL " + a.field("operation") + " on " + a.field("resourceType") + " "
                        + a.field("resourceName") + " from " + aFile);
            }
        }
    }

    private Optional<Item> aclOf(String sa) {
        return ws.items(ACLS).stream().filter(a -> ("User:" + sa).equals(a.field("principal"))).findFirst();
    }

    private Set<String> names(String kind) {
        Set<String> out = new LinkedHashSet<>();
        for (Item i : ws.items(kind)) {
            String n = i.field("name");
            if (n != null) out.add(n);
        }
        return out;
    }

    private static Diagnostic unknown(String property, String noun, String name, Set<String> declared, String hint) {
        return Diagnostic.error(EditRules.UNKNOWN_ENTITY, "-D" + property + " names " + noun + " '" + name
                        + "', which this repository does not declare", EditParameters.COMMAND_LINE,
                hint != null ? hint : hint(name, declared, declared.isEmpty() ? "it declares no " + noun + "s"
                        : "it declares " + listed(declared)));
    }

    /** Names for a message: all of a few, the first ten of many. */
    private static String listed(Set<String> names) {
        List<String> all = new ArrayList<>(names);
        return all.size() <= 10 ? String.join(", ", all)
                : String.join(", ", all.subList(0, 10)) + " and " + (all.size() - 10) + " more";
    }

    private static String hint(String name, Set<String> candidates, String otherwise) {
        return Suggestions.closest(name, candidates).map(s -> Suggestions.didYouMeanText(s) + " Otherwise "
                + otherwise).orElse(otherwise);
    }

    // ---- update --------------------------------------------------------------------------------------------------

    private void updateTopics(EntityEdit.UpdateTopics u) {
        Set<String> topicNames = names(TOPICS);
        TopicSettings s = u.set();
        for (String name : u.names()) {
            Optional<Item> found = ws.topic(name);
            if (found.isEmpty()) {
                problems.add(unknown(EditParameters.TOPICS, "topic", name, topicNames,
                        ws.external("topics").contains(name) ? "it is listed under external.topics: only the "
                                + "repository that owns it can change it" : null));
                continue;
            }
            Item item = found.get();
            if (anchored(item, "topic '" + name + "'")) continue;
            if (s.partitions() != null && YamlNodes.value(item.map(), "partitions") instanceof ScalarNode p) {
                // read the way the loader reads it (YAML 1.2): 0x10 is 16, a quoted "16" is no number
                Object value = p.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
                        ? CoreSchema.resolvePlain(p.getValue()).value() : null;
                if (value instanceof Long current) {
                    if (s.partitions() < current) {
                        problems.add(Diagnostic.error(EditRules.PARTITIONS_SHRINK, "topic '" + name + "' has "
                                        + current + " partitions; Kafka cannot reduce them to " + s.partitions(),
                                location(item.file(), p),
                                "keep " + current + " or more, or create a new topic (a new name, e.g. the next "
                                        + "version) and move the consumers"));
                    }
                }
            }
            for (String k : u.removeConfig()) missingKey(item, "config", k, name);
            for (String k : u.removeMetadata()) missingKey(item, "metadata", k, name);
        }
        if (!problems.isEmpty()) return;

        for (String name : u.names()) {
            List<String> changes = new ArrayList<>();
            if (s.partitions() != null) set(name, "partitions", Scalar.typed(s.partitions().toString()), changes);
            if (s.replicationFactor() != null) {
                set(name, "replicationFactor", Scalar.typed(s.replicationFactor().toString()), changes);
            }
            s.config().forEach((k, v) -> setInMap(name, "config", k, Scalar.typed(v), changes));
            s.metadata().forEach((k, v) -> setInMap(name, "metadata", k, Scalar.string(v), changes));
            for (String k : u.removeConfig()) removeFromMap(name, "config", k, changes);
            for (String k : u.removeMetadata()) removeFromMap(name, "metadata", k, changes);
            if (s.visibility() != null) set(name, "visibility", Scalar.string(s.visibility()), changes);
            if (s.sharedWith() != null) set(name, "sharedWith", ListValue.ofStrings(s.sharedWith()), changes);
            if (s.protectedTopic() != null) set(name, "protected", Scalar.typed(s.protectedTopic().toString()), changes);
            if (s.deployTo() != null) set(name, "deployTo", ListValue.ofStrings(s.deployTo()), changes);
            Item item = ws.topic(name).orElseThrow();
            summary.add(changes.isEmpty() ? "topic " + name + " already had these settings (" + item.file().displayName
                    + ")" : "updated topic " + name + " in " + item.file().displayName + ": " + String.join("; ",
                    changes));
        }
    }

    private void missingKey(Item item, String mapKey, String key, String topic) {
        if (YamlNodes.value(item.map(), mapKey) instanceof MappingNode m && YamlNodes.entry(m, key) != null) return;
        problems.add(Diagnostic.error(EditRules.UNKNOWN_ENTITY, "topic '" + topic + "' has no " + mapKey + " key '" + key
                + "' to remove", item.location("name"), "remove only keys the topic sets"));
    }

    /** Sets a key of a topic: replaces the value in its style, or inserts the key in the usual order. */
    private void set(String topic, String key, Value value, List<String> changes) {
        Item item = ws.topic(topic).orElseThrow();
        SourceFile f = item.file();
        YamlText t = f.yaml();
        Renderer r = ws.renderer(f);
        NodeTuple tuple = YamlNodes.entry(item.map(), key);
        String before = f.text();
        if (tuple != null) {
            f.set(Surgery.replaceValue(t, tuple, value, r));
        } else {
            f.set(Surgery.insertEntry(t, item.map(), insertAfter(item.map(), key, TOPIC_KEYS), key, value, r));
        }
        if (!before.equals(f.text())) {
            String old = tuple == null ? null : plain(tuple.getValueNode());
            changes.add(key + (old == null ? " " : " " + old + " -> ") + plain(value));
        }
    }

    /** Sets one key of the topic's config or metadata map, creating the map when the topic has none. */
    private void setInMap(String topic, String mapKey, String key, Scalar value, List<String> changes) {
        Item item = ws.topic(topic).orElseThrow();
        SourceFile f = item.file();
        YamlText t = f.yaml();
        Renderer r = ws.renderer(f);
        NodeTuple mapTuple = YamlNodes.entry(item.map(), mapKey);
        String before = f.text();
        String old = null;
        if (mapTuple != null && mapTuple.getValueNode() instanceof MappingNode m && !m.getValue().isEmpty()) {
            NodeTuple tuple = YamlNodes.entry(m, key);
            if (tuple != null) {
                old = plain(tuple.getValueNode());
                f.set(Surgery.replaceValue(t, tuple, value, r));
            } else {
                f.set(Surgery.insertEntry(t, m, m.getValue().size() - 1, key, value, r));
            }
        } else if (mapTuple != null) {
            f.set(Surgery.replaceValue(t, mapTuple, new MapValue(List.of(Map.entry(key, value)), null), r));
        } else {
            f.set(Surgery.insertEntry(t, item.map(), insertAfter(item.map(), mapKey, TOPIC_KEYS), mapKey,
                    new MapValue(List.of(Map.entry(key, value)), null), r));
        }
        if (!before.equals(f.text())) {
            changes.add(mapKey + " " + key + (old == null ? " " : " " + old + " -> ") + value.text());
        }
    }

    private void removeFromMap(String topic, String mapKey, String key, List<String> changes) {
        Item item = ws.topic(topic).orElseThrow();
        SourceFile f = item.file();
        YamlText t = f.yaml();
        MappingNode m = (MappingNode) YamlNodes.value(item.map(), mapKey);
        if (m.getValue().size() == 1) {
            f.set(Surgery.removeEntry(t, item.map(), YamlNodes.indexOf(item.map(), mapKey)));
        } else {
            f.set(Surgery.removeEntry(t, m, YamlNodes.indexOf(m, key)));
        }
        changes.add("removed " + mapKey + " " + key);
    }

    /** Index of the entry a new key goes after: the last one that comes before it in {@code order}. */
    private static int insertAfter(MappingNode map, String key, List<String> order) {
        int rank = order.indexOf(key);
        int after = map.getValue().size() - 1;
        int best = -1;
        for (int i = 0; i < map.getValue().size(); i++) {
            int r = order.indexOf(YamlNodes.text(map.getValue().get(i).getKeyNode()));
            if (r >= 0 && r < rank) best = i;
        }
        return best >= 0 ? best : after;
    }

    private static String plain(Node n) {
        if (n instanceof ScalarNode s) return s.getValue();
        if (n instanceof SequenceNode seq) {
            return "[" + String.join(", ", seq.getValue().stream().map(Edits::plain).toList()) + "]";
        }
        if (n instanceof MappingNode m) {
            return "{" + String.join(", ", m.getValue().stream()
                    .map(t -> plain(t.getKeyNode()) + ": " + plain(t.getValueNode())).toList()) + "}";
        }
        return String.valueOf(n);
    }

    private static String plain(Value v) {
        if (v instanceof Scalar s) return s.text();
        if (v instanceof ListValue l) return "[" + String.join(", ", l.items().stream().map(Edits::plain).toList()) + "]";
        MapValue m = (MapValue) v;
        return "{" + String.join(", ", m.entries().stream().map(e -> e.getKey() + ": " + plain(e.getValue())).toList())
                + "}";
    }

    // ---- shared --------------------------------------------------------------------------------------------------

    /** Reports and returns true when an entity uses anchors or aliases: those are edited by hand. */
    private boolean anchored(Item item, String what) {
        if (!YamlNodes.usesAnchors(item.map())) return false;
        problems.add(Diagnostic.error(EditRules.ANCHORS, what + " is written with YAML anchors, aliases or merge keys "
                + "(&, *, <<), which an automatic edit could break", location(item.file(), item.map()),
                "make this change by hand, or write the entity out without anchors first"));
        return true;
    }

    private static Location location(SourceFile f, Node n) {
        YamlText t = f.yaml();
        int offset = t.start(n);
        int line = t.lineOf(offset);
        return new Location(f.displayName, line + 1, offset - t.lineStart(line) + 1);
    }
}
