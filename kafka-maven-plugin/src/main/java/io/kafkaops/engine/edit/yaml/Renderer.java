package io.kafkaops.engine.edit.yaml;

import static io.kafkaops.engine.edit.yaml.Style.pad;

import io.kafkaops.engine.edit.yaml.Value.ListValue;
import io.kafkaops.engine.edit.yaml.Value.MapValue;
import io.kafkaops.engine.edit.yaml.Value.Scalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns {@link Value}s into YAML lines (without terminators) in a file's {@link Style}. */
public final class Renderer {

    private final Style style;

    public Renderer(Style style) {
        this.style = style;
    }

    public Style style() {
        return style;
    }

    /** {@code key: value} starting at {@code column}, nested values below it. */
    List<String> entry(String key, Value value, int column) {
        value = Value.bare(value);
        List<String> out = new ArrayList<>();
        String head = pad(column) + key(key) + ":";
        if (value instanceof Scalar s) {
            out.add(head + " " + scalar(s, false));
        } else if (isFlow(value)) {
            out.add(head + " " + flow(value));
        } else if (value instanceof MapValue m) {
            out.add(head);
            for (Map.Entry<String, Value> e : m.entries()) out.addAll(entry(e.getKey(), e.getValue(), column + style.mapStep()));
        } else {
            out.add(head);
            int dash = column + style.seqIndent();
            for (Value item : ((ListValue) value).items()) out.addAll(item(item, dash, dash + style.itemOffset()));
        }
        return out;
    }

    /** A block-list item: {@code -} at {@code dashColumn}, its text at {@code contentColumn}. */
    List<String> item(Value value, int dashColumn, int contentColumn) {
        String dash = pad(dashColumn) + "-" + pad(Math.max(1, contentColumn - dashColumn - 1));
        List<String> out = new ArrayList<>();
        if (value instanceof Value.Commented c) {
            for (String line : c.comment().split("\\R")) out.add(pad(dashColumn) + "# " + line.strip());
            value = Value.bare(value);
        }
        if (value instanceof MapValue m && !isFlow(value)) {
            boolean first = true;
            for (Map.Entry<String, Value> e : m.entries()) {
                List<String> lines = entry(e.getKey(), e.getValue(), contentColumn);
                if (first) {
                    lines.set(0, dash + lines.get(0).substring(contentColumn));
                    first = false;
                }
                out.addAll(lines);
            }
            return out;
        }
        out.add(dash + (value instanceof Scalar s ? scalar(s, false) : flow(value)));
        return out;
    }

    /** The value written inline: {@code [a, b]}, {@code {a: b}} or a scalar in flow context. */
    String flow(Value value) {
        value = Value.bare(value);
        if (value instanceof Scalar s) return scalar(s, true);
        List<String> parts = new ArrayList<>();
        if (value instanceof MapValue m) {
            String pad = style.mapSpaces() ? " " : "";
            for (Map.Entry<String, Value> e : m.entries()) parts.add(flowKey(e.getKey()) + ": " + flow(e.getValue()));
            return parts.isEmpty() ? "{}" : "{" + pad + String.join(", ", parts) + pad + "}";
        }
        String pad = style.listSpaces() ? " " : "";
        for (Value item : ((ListValue) value).items()) parts.add(flow(item));
        return parts.isEmpty() ? "[]" : "[" + pad + String.join(", ", parts) + pad + "]";
    }

    String scalar(Scalar s, boolean inFlow) {
        return Scalars.render(s.text(), inFlow, s.typed(), style.quote());
    }

    String key(String key) {
        return Scalars.render(key, false, false, style.quote());
    }

    private String flowKey(String key) {
        return Scalars.render(key, true, false, style.quote());
    }

    /** Empty collections are always written inline; otherwise the value's own choice, else the file's. */
    boolean isFlow(Value value) {
        value = Value.bare(value);
        if (value instanceof MapValue m) {
            return m.entries().isEmpty() || (m.flow() != null ? m.flow() : style.flowMaps());
        }
        if (value instanceof ListValue l) {
            return l.items().isEmpty() || (l.flow() != null ? l.flow() : style.flowLists());
        }
        return true;
    }
}
