package io.kafkaops.engine.edit.yaml;

import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reading snakeyaml node trees. */
public final class YamlNodes {

    private YamlNodes() {
    }

    public static NodeTuple entry(MappingNode m, String key) {
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && key.equals(k.getValue())) return t;
        }
        return null;
    }

    public static int indexOf(MappingNode m, String key) {
        List<NodeTuple> entries = m.getValue();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).getKeyNode() instanceof ScalarNode k && key.equals(k.getValue())) return i;
        }
        return -1;
    }

    public static Node value(MappingNode m, String key) {
        NodeTuple t = entry(m, key);
        return t == null ? null : t.getValueNode();
    }

    /** A scalar's text, or null for anything else. */
    public static String text(Node n) {
        return n instanceof ScalarNode s ? s.getValue() : null;
    }

    /**
     * Whether a subtree uses anchors, aliases or merge keys: an alias is the anchored node itself in snakeyaml's
     * tree, so a text edit there would change another place too.
     */
    public static boolean usesAnchors(Node n) {
        if (n.getAnchor() != null) return true;
        if (n instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if ("<<".equals(text(t.getKeyNode())) || usesAnchors(t.getKeyNode()) || usesAnchors(t.getValueNode())) {
                    return true;
                }
            }
        } else if (n instanceof SequenceNode s) {
            for (Node item : s.getValue()) {
                if (usesAnchors(item)) return true;
            }
        }
        return false;
    }
}
