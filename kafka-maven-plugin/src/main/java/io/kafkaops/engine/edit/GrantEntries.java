package io.kafkaops.engine.edit;

import static io.kafkaops.engine.edit.EditSession.insertAfter;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The rights in the grant entries of a workspace (the {@code produce}, {@code consume}, ... lists): finding, adding
 * and removing one right. Shared by {@link GrantStep}, {@link RevokeStep} and {@link RemoveStep}.
 */
final class GrantEntries {

    /** Key order of new keys in existing grants: after the last key that comes earlier in this order. */
    private static final List<String> GRANT_KEYS = List.of("serviceAccount", "produce", "consume", "groups",
            "transactionalIds");

    private final Workspace ws;

    GrantEntries(Workspace ws) {
        this.ws = ws;
    }

    /** The grant entry of a service account holding a right, and the right's index in the list. */
    record GrantItem(Item entry, int index) {
    }

    Optional<GrantItem> find(String sa, String key, Access.Resource res) {
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

    /** The YAML values of rights: a name, or {@code {prefix: name}}. */
    static List<Value> values(List<Access.Resource> items) {
        List<Value> out = new ArrayList<>();
        for (Access.Resource r : items) {
            out.add(r.prefix() ? new MapValue(List.of(Map.entry("prefix", Scalar.string(r.name()))), true)
                    : Scalar.string(r.name()));
        }
        return out;
    }

    /** Adds rights to one list of a grant entry, creating the list in the usual key order when it is missing. */
    void extend(Item entry, String key, List<Access.Resource> items) {
        SourceFile f = entry.file();
        YamlText t = f.yaml();
        Renderer r = renderer(f, entry.map());
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
    private Renderer renderer(SourceFile f, MappingNode grant) {
        Style style = ws.renderer(f).style();
        for (String k : Access.KEYS) {
            if (YamlNodes.value(grant, k) instanceof SequenceNode s) return new Renderer(style.withFlowLists(YamlText.isFlow(s)));
        }
        return new Renderer(style);
    }

    /** What the grants of a service account list, for a message. */
    String describe(String sa) {
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
    boolean remove(GrantItem gi, String key) {
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
}
