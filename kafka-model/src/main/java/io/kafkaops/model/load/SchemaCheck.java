package io.kafkaops.model.load;

import io.kafkaops.model.load.YamlNode.ListNode;
import io.kafkaops.model.load.YamlNode.MapNode;
import io.kafkaops.model.load.YamlNode.ScalarKind;
import io.kafkaops.model.load.YamlNode.ScalarNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * The fast path of {@link SchemaValidator}: tells, directly on the YAML tree and without throwing, whether a document
 * certainly satisfies a JSON Schema. Only a {@link Verdict#VALID} answer is used; anything else sends the document to
 * everit, whose exception tree the validator maps to diagnostics. So valid documents (the common case) cost neither
 * the tree conversion nor everit's schema loading and its exceptions (one per failed {@code oneOf} alternative and
 * per failed member of a type union, filled stack traces and all), and the diagnostics of invalid ones stay exactly
 * everit's.
 *
 * <p>It understands the draft-07 keywords the shipped schemas use, with everit's semantics; wherever it could
 * disagree with everit (another keyword, a float, a case-insensitive enum match, a structured enum value)
 * it answers {@link Verdict#UNSURE}. {@link Verdict#INVALID} is definite, which {@code oneOf}, {@code not} and
 * {@code if} need to count alternatives exactly.
 */
final class SchemaCheck {

    enum Verdict { VALID, INVALID, UNSURE }

    /** Keywords that do not constrain a value. */
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$comment", "title", "description",
            "examples", "default", "definitions", "patternErrorMessage", "x-ignoreCase", "markdownDescription",
            "deprecationMessage", "errorMessage");

    private final JSONObject root;
    private final Node rootNode;

    SchemaCheck(String schemaText) {
        this.root = new JSONObject(schemaText);
        this.rootNode = compile(root);
    }

    Verdict check(YamlNode value) {
        return rootNode.check(value);
    }

    private interface Node {
        Verdict check(YamlNode value);
    }

    private Node compile(Object schema) {
        if (schema instanceof Boolean b) return v -> b ? Verdict.VALID : Verdict.INVALID;
        if (!(schema instanceof JSONObject s)) return v -> Verdict.UNSURE;
        List<Node> parts = new ArrayList<>();
        for (String keyword : s.keySet()) {
            if (ANNOTATIONS.contains(keyword)) continue;
            Node part = keyword(s, keyword);
            if (part == null) return v -> Verdict.UNSURE;
            if (part != IGNORED) parts.add(part);
        }
        Node[] all = parts.toArray(Node[]::new);
        return v -> allOf(all, v);
    }

    private static final Node IGNORED = v -> Verdict.VALID;

    private Node keyword(JSONObject s, String keyword) {
        Object arg = s.get(keyword);
        return switch (keyword) {
            case "$ref" -> ref((String) arg);
            case "type" -> type(arg);
            case "enum" -> anyValue(s, (JSONArray) arg);
            case "const" -> anyValue(s, new JSONArray().put(arg));
            case "pattern" -> pattern((String) arg);
            case "minLength" -> string(v -> v.codePointCount(0, v.length()) >= ((Number) arg).intValue());
            case "maxLength" -> string(v -> v.codePointCount(0, v.length()) <= ((Number) arg).intValue());
            case "minimum" -> number(n -> n.compareTo(new BigDecimal(arg.toString())) >= 0);
            case "maximum" -> number(n -> n.compareTo(new BigDecimal(arg.toString())) <= 0);
            case "exclusiveMinimum" -> number(n -> n.compareTo(new BigDecimal(arg.toString())) > 0);
            case "exclusiveMaximum" -> number(n -> n.compareTo(new BigDecimal(arg.toString())) < 0);
            // the three are one check (which key is "additional" depends on the other two): made once, at the first
            case "properties", "additionalProperties", "patternProperties" ->
                    keyword.equals(firstOf(s, "properties", "additionalProperties", "patternProperties"))
                            ? objectProperties(s) : IGNORED;
            case "required" -> required((JSONArray) arg);
            case "propertyNames" -> propertyNames(compile(arg));
            case "minProperties" -> object(m -> m.entries().size() >= ((Number) arg).intValue());
            case "maxProperties" -> object(m -> m.entries().size() <= ((Number) arg).intValue());
            case "items" -> arg instanceof JSONObject || arg instanceof Boolean ? items(compile(arg)) : null;
            case "minItems" -> list(l -> l.items().size() >= ((Number) arg).intValue());
            case "maxItems" -> list(l -> l.items().size() <= ((Number) arg).intValue());
            case "uniqueItems" -> Boolean.TRUE.equals(arg) ? uniqueItems() : IGNORED;
            case "allOf" -> combined(arg, Combinator.ALL);
            case "anyOf" -> combined(arg, Combinator.ANY);
            case "oneOf" -> combined(arg, Combinator.ONE);
            case "not" -> not(compile(arg));
            case "if" -> conditional(s);
            case "then", "else" -> IGNORED;   // part of "if"; without an "if" they do nothing
            default -> null;
        };
    }

    private static String firstOf(JSONObject s, String... keywords) {
        for (String k : s.keySet()) {
            for (String candidate : keywords) if (candidate.equals(k)) return k;
        }
        return null;
    }

    /** Compiled on first use (a schema may refer to itself); a race compiles twice, to equal results. */
    private Node ref(String pointer) {
        if (!pointer.startsWith("#/")) return null;
        Node[] compiled = new Node[1];
        return v -> {
            Node target = compiled[0];
            if (target == null) {
                Object referred = root.optQuery(pointer);
                target = referred == null ? x -> Verdict.UNSURE : compile(referred);
                compiled[0] = target;
            }
            return target.check(v);
        };
    }

    private static Node type(Object arg) {
        List<String> types = new ArrayList<>();
        if (arg instanceof JSONArray a) {
            for (Object t : a) types.add((String) t);
        } else {
            types.add((String) arg);
        }
        return v -> {
            boolean unsure = false;
            for (String t : types) {
                Verdict fits = fits(t, v);
                if (fits == Verdict.VALID) return Verdict.VALID;
                if (fits == Verdict.UNSURE) unsure = true;
            }
            return unsure ? Verdict.UNSURE : Verdict.INVALID;
        };
    }

    private static Verdict fits(String type, YamlNode v) {
        if (v instanceof MapNode) return verdict("object".equals(type));
        if (v instanceof ListNode) return verdict("array".equals(type));
        ScalarNode s = (ScalarNode) v;
        Object value = s.value();
        return switch (s.kind()) {
            case NULL -> verdict("null".equals(type));
            case BOOLEAN -> value instanceof Boolean ? verdict("boolean".equals(type)) : Verdict.UNSURE;
            case STRING -> value instanceof String ? verdict("string".equals(type)) : Verdict.UNSURE;
            // everit's "integer" takes Integer, Long and BigInteger (its TypeChecker), which is all the reader makes
            case INT -> integral(value)
                    ? verdict("integer".equals(type) || "number".equals(type))
                    : Verdict.UNSURE;
            case FLOAT -> Verdict.UNSURE;
        };
    }

    private static boolean integral(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
    }

    private static Verdict verdict(boolean valid) {
        return valid ? Verdict.VALID : Verdict.INVALID;
    }

    private static Node anyValue(JSONObject s, JSONArray values) {
        boolean ignoreCase = Boolean.TRUE.equals(s.opt("x-ignoreCase"));
        Set<String> strings = new HashSet<>();
        for (Object o : values) {
            if (!(o instanceof String text)) return null;
            strings.add(text);
        }
        return v -> {
            if (!(v instanceof ScalarNode sc) || sc.kind() != ScalarKind.STRING || !(sc.value() instanceof String text)) {
                return Verdict.UNSURE;
            }
            if (strings.contains(text)) return Verdict.VALID;
            // a letter-case difference is accepted by the loader, but only everit's path knows how to say so
            if (ignoreCase) return Verdict.UNSURE;
            return Verdict.INVALID;
        };
    }

    private interface StringTest {
        boolean test(String value);
    }

    private static Node string(StringTest test) {
        return v -> v instanceof ScalarNode s && s.kind() == ScalarKind.STRING
                ? s.value() instanceof String text ? verdict(test.test(text)) : Verdict.UNSURE
                : Verdict.VALID;
    }

    private static Node pattern(String regex) {
        Pattern p = Pattern.compile(regex);
        CharClassPattern simple = CharClassPattern.of(regex);
        if (simple == null) return string(text -> p.matcher(text).find());
        // a text of the class's characters only matches exactly when its length fits; anything else (a line
        // break before the end, which '$' allows, among them) is the regular expression's to decide
        return string(text -> simple.allInClass(text) ? simple.lengthFits(text) : p.matcher(text).find());
    }

    /**
     * The names' patterns, {@code ^[a-zA-Z0-9._-]{1,249}$} and {@code ^[a-zA-Z0-9._-]+$}, checked without a matcher:
     * they run for every name and config key of every file.
     */
    record CharClassPattern(int min, int max) {

        static CharClassPattern of(String regex) {
            java.util.regex.Matcher m = Pattern.compile("\\^\\[a-zA-Z0-9\\._-\\](\\+|\\{(\\d{1,4}),(\\d{1,4})\\})\\$")
                    .matcher(regex);
            if (!m.matches()) return null;
            return m.group(2) == null ? new CharClassPattern(1, Integer.MAX_VALUE)
                    : new CharClassPattern(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        }

        boolean allInClass(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                        || c == '-')) {
                    return false;
                }
            }
            return true;
        }

        boolean lengthFits(String text) {
            return text.length() >= min && text.length() <= max;
        }
    }

    private interface NumberTest {
        boolean test(BigDecimal value);
    }

    private static Node number(NumberTest test) {
        return v -> {
            if (!(v instanceof ScalarNode s)) return Verdict.VALID;
            if (s.kind() == ScalarKind.INT && integral(s.value())) {
                return verdict(test.test(new BigDecimal(s.value().toString())));
            }
            return s.kind() == ScalarKind.INT || s.kind() == ScalarKind.FLOAT ? Verdict.UNSURE : Verdict.VALID;
        };
    }

    private interface MapTest {
        boolean test(MapNode value);
    }

    private static Node object(MapTest test) {
        return v -> v instanceof MapNode m ? verdict(test.test(m)) : Verdict.VALID;
    }

    private interface ListTest {
        boolean test(ListNode value);
    }

    private static Node list(ListTest test) {
        return v -> v instanceof ListNode l ? verdict(test.test(l)) : Verdict.VALID;
    }

    private Node objectProperties(JSONObject s) {
        Map<String, Node> properties = new HashMap<>();
        JSONObject props = s.optJSONObject("properties");
        if (props != null) for (String key : props.keySet()) properties.put(key, compile(props.get(key)));
        Map<Pattern, Node> patterns = new HashMap<>();
        JSONObject pp = s.optJSONObject("patternProperties");
        if (pp != null) for (String regex : pp.keySet()) patterns.put(Pattern.compile(regex), compile(pp.get(regex)));
        Node additional = s.has("additionalProperties") ? compile(s.get("additionalProperties")) : null;
        return v -> {
            if (!(v instanceof MapNode m)) return Verdict.VALID;
            Verdict result = Verdict.VALID;
            for (YamlNode.Entry e : m.entries().values()) {
                boolean matched = false;
                Node own = properties.get(e.key());
                if (own != null) {
                    matched = true;
                    result = and(result, own.check(e.value()));
                }
                for (Map.Entry<Pattern, Node> p : patterns.entrySet()) {
                    if (p.getKey().matcher(e.key()).find()) {
                        matched = true;
                        result = and(result, p.getValue().check(e.value()));
                    }
                }
                if (!matched && additional != null) result = and(result, additional.check(e.value()));
                if (result == Verdict.INVALID) return result;
            }
            return result;
        };
    }

    private static Node required(JSONArray keys) {
        List<String> names = new ArrayList<>();
        for (Object k : keys) names.add((String) k);
        return object(m -> {
            for (String k : names) if (m.entry(k) == null) return false;
            return true;
        });
    }

    private static Node propertyNames(Node names) {
        return v -> {
            if (!(v instanceof MapNode m)) return Verdict.VALID;
            Verdict result = Verdict.VALID;
            for (YamlNode.Entry e : m.entries().values()) {
                result = and(result, names.check(new ScalarNode(ScalarKind.STRING, e.key(), e.key(), e.keyLocation())));
                if (result == Verdict.INVALID) return result;
            }
            return result;
        };
    }

    private static Node items(Node item) {
        return v -> {
            if (!(v instanceof ListNode l)) return Verdict.VALID;
            Verdict result = Verdict.VALID;
            for (YamlNode i : l.items()) {
                result = and(result, item.check(i));
                if (result == Verdict.INVALID) return result;
            }
            return result;
        };
    }

    private static Node uniqueItems() {
        return v -> {
            if (!(v instanceof ListNode l)) return Verdict.VALID;
            Set<String> seen = new HashSet<>();
            for (YamlNode i : l.items()) {
                if (!(i instanceof ScalarNode s) || s.kind() != ScalarKind.STRING || !(s.value() instanceof String text)) {
                    return Verdict.UNSURE;
                }
                if (!seen.add(text)) return Verdict.INVALID;
            }
            return Verdict.VALID;
        };
    }

    private enum Combinator { ALL, ANY, ONE }

    private Node combined(Object arg, Combinator kind) {
        if (!(arg instanceof JSONArray a)) return null;
        List<Node> subs = new ArrayList<>();
        for (Iterator<Object> it = a.iterator(); it.hasNext(); ) subs.add(compile(it.next()));
        Node[] all = subs.toArray(Node[]::new);
        return switch (kind) {
            case ALL -> v -> allOf(all, v);
            case ANY -> v -> {
                boolean unsure = false;
                for (Node n : all) {
                    Verdict r = n.check(v);
                    if (r == Verdict.VALID) return r;
                    if (r == Verdict.UNSURE) unsure = true;
                }
                return unsure ? Verdict.UNSURE : Verdict.INVALID;
            };
            case ONE -> v -> {
                int valid = 0;
                for (Node n : all) {
                    Verdict r = n.check(v);
                    if (r == Verdict.UNSURE) return r;
                    if (r == Verdict.VALID) valid++;
                }
                return verdict(valid == 1);
            };
        };
    }

    private static Node not(Node inner) {
        return v -> switch (inner.check(v)) {
            case VALID -> Verdict.INVALID;
            case INVALID -> Verdict.VALID;
            case UNSURE -> Verdict.UNSURE;
        };
    }

    private Node conditional(JSONObject s) {
        Node condition = compile(s.get("if"));
        Node then = s.has("then") ? compile(s.get("then")) : IGNORED;
        Node otherwise = s.has("else") ? compile(s.get("else")) : IGNORED;
        return v -> switch (condition.check(v)) {
            case VALID -> then.check(v);
            case INVALID -> otherwise.check(v);
            case UNSURE -> Verdict.UNSURE;
        };
    }

    private static Verdict allOf(Node[] nodes, YamlNode v) {
        Verdict result = Verdict.VALID;
        for (Node n : nodes) {
            result = and(result, n.check(v));
            if (result == Verdict.INVALID) return result;
        }
        return result;
    }

    private static Verdict and(Verdict a, Verdict b) {
        if (a == Verdict.INVALID || b == Verdict.INVALID) return Verdict.INVALID;
        if (a == Verdict.UNSURE || b == Verdict.UNSURE) return Verdict.UNSURE;
        return Verdict.VALID;
    }
}
