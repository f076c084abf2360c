package io.kafkaops.engine.edit;

import static io.kafkaops.engine.edit.Workspace.GRANTS;
import static io.kafkaops.engine.edit.Workspace.SERVICE_ACCOUNTS;
import static io.kafkaops.engine.edit.Workspace.TOPICS;

import io.kafkaops.engine.edit.Workspace.Item;
import io.kafkaops.engine.edit.yaml.Renderer;
import io.kafkaops.engine.edit.yaml.SourceFile;
import io.kafkaops.engine.edit.yaml.Surgery;
import io.kafkaops.engine.edit.yaml.Value.ListValue;
import io.kafkaops.engine.edit.yaml.Value;
import io.kafkaops.engine.edit.yaml.YamlNodes;
import io.kafkaops.engine.edit.yaml.YamlText;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Location;
import io.kafkaops.model.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One {@link EntityEdit} being applied to the texts of a {@link Workspace}: the files, where new entities go, what was
 * done (the summary) and what is wrong with the request (the problems), with the steps every kind of edit shares.
 *
 * <p>Every step finds the entity afresh in the current text, makes one {@link Surgery} and re-parses, so steps never
 * work on stale positions. Problems with the request (unknown names, duplicates) are collected before the first
 * change. Only {@link EntityEditor} creates sessions; the type is public because {@link EntityEdit#applyTo} names it.
 */
public final class EditSession {

    /** Where new entities go when no file holds entities of their kind yet. */
    static final Map<String, String> DEFAULT_FILES = Map.of(TOPICS, "topics.yaml",
            SERVICE_ACCOUNTS, "service-accounts.yaml", GRANTS, "grants.yaml", Workspace.ACLS, "acls.yaml");

    final Workspace ws;
    private final String targetFile;
    final List<String> summary = new ArrayList<>();
    final List<Diagnostic> problems = new ArrayList<>();

    EditSession(Workspace ws, String targetFile) {
        this.ws = ws;
        this.targetFile = targetFile;
    }

    /**
     * Appends entities to the list of their kind in the target file: {@code kafka.file}, else the first file that
     * has such a list, else the kind's default file (created with a schema modeline when missing).
     *
     * @return the file changed, or null when a problem was reported instead
     */
    SourceFile appendEntities(String kind, List<Value> values) {
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

    /** Reports and returns true when an entity uses anchors or aliases: those are edited by hand. */
    boolean anchored(Item item, String what) {
        if (!YamlNodes.usesAnchors(item.map())) return false;
        problems.add(Diagnostic.error(EditRules.ANCHORS, what + " is written with YAML anchors, aliases or merge keys "
                + "(&, *, <<), which an automatic edit could break", location(item.file(), item.map()),
                "make this change by hand, or write the entity out without anchors first"));
        return true;
    }

    /** Removes an entity (an item of its list) and returns the display name of its file. */
    static String removeEntity(Item item) {
        String file = item.file().displayName;
        item.file().set(Surgery.removeItem(item.file().yaml(), item.key(), item.list(), item.index()));
        return file;
    }

    /** The names of the entities of a kind ({@code name} field), in the loader's order. */
    Set<String> names(String kind) {
        Set<String> out = new LinkedHashSet<>();
        for (Item i : ws.items(kind)) {
            String n = i.field("name");
            if (n != null) out.add(n);
        }
        return out;
    }

    static Diagnostic unknown(String property, String noun, String name, Set<String> declared, String hint) {
        return Diagnostic.error(EditRules.UNKNOWN_ENTITY, "-D" + property + " names " + noun + " '" + name
                        + "', which this repository does not declare", EditParameters.COMMAND_LINE,
                hint != null ? hint : hint(name, declared, declared.isEmpty() ? "it declares no " + noun + "s"
                        : "it declares " + listed(declared)));
    }

    /** Names for a message: all of a few, the first ten of many. */
    static String listed(Set<String> names) {
        List<String> all = new ArrayList<>(names);
        return all.size() <= 10 ? String.join(", ", all)
                : String.join(", ", all.subList(0, 10)) + " and " + (all.size() - 10) + " more";
    }

    static String hint(String name, Set<String> candidates, String otherwise) {
        return Suggestions.closest(name, candidates).map(s -> Suggestions.didYouMeanText(s) + " Otherwise "
                + otherwise).orElse(otherwise);
    }

    static Location location(SourceFile f, Node n) {
        YamlText t = f.yaml();
        int offset = t.start(n);
        int line = t.lineOf(offset);
        return new Location(f.displayName, line + 1, offset - t.lineStart(line) + 1);
    }

    /** Index of the entry a new key goes after: the last one that comes before it in {@code order}. */
    static int insertAfter(MappingNode map, String key, List<String> order) {
        int rank = order.indexOf(key);
        int after = map.getValue().size() - 1;
        int best = -1;
        for (int i = 0; i < map.getValue().size(); i++) {
            int r = order.indexOf(YamlNodes.text(map.getValue().get(i).getKeyNode()));
            if (r >= 0 && r < rank) best = i;
        }
        return best >= 0 ? best : after;
    }
}
