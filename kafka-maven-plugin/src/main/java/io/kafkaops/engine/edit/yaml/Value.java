package io.kafkaops.engine.edit.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** YAML to be written: what an edit inserts, before the file's style decides how it looks. */
public sealed interface Value permits Value.Scalar, Value.MapValue, Value.ListValue, Value.Commented {

    /**
     * @param text  the value
     * @param typed true when the value may be written so that YAML reads it as a number or boolean (partitions,
     *              config values); false for strings that must stay strings (names, descriptions)
     */
    record Scalar(String text, boolean typed) implements Value {
        public static Scalar string(String text) {
            return new Scalar(text, false);
        }

        public static Scalar typed(String text) {
            return new Scalar(text, true);
        }
    }

    /**
     * @param flow true for {@code {a: b}}, false for a block map, null to follow the file
     */
    record MapValue(List<Map.Entry<String, Value>> entries, Boolean flow) implements Value {
        public MapValue {
            entries = List.copyOf(entries);
        }

        static MapValue of(List<Map.Entry<String, Value>> entries) {
            return new MapValue(entries, null);
        }

        /** A map of strings; {@code typed} as in {@link Scalar}. */
        public static MapValue ofTexts(Map<String, String> values, boolean typed) {
            List<Map.Entry<String, Value>> entries = new ArrayList<>();
            values.forEach((k, v) -> entries.add(Map.entry(k, new Scalar(v, typed))));
            return new MapValue(entries, null);
        }
    }

    /**
     * @param flow true for {@code [a, b]}, false for a block list, null to follow the file
     */
    record ListValue(List<Value> items, Boolean flow) implements Value {
        public ListValue {
            items = List.copyOf(items);
        }

        public static ListValue ofStrings(List<String> values) {
            return new ListValue(values.stream().<Value>map(Scalar::string).toList(), null);
        }
    }

    /**
     * A list item with a comment above it ({@code # why}), one comment line per line of text. Written as a comment
     * only where the item stands on its own lines (a block list); inline, the comment is left out.
     */
    record Commented(String comment, Value value) implements Value {
    }

    /** The value without its comment. */
    static Value bare(Value v) {
        return v instanceof Commented c ? bare(c.value()) : v;
    }
}
