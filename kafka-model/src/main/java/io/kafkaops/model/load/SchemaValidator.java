package io.kafkaops.model.load;

import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Location;
import io.kafkaops.model.Suggestions;
import io.kafkaops.model.load.YamlNode.ListNode;
import io.kafkaops.model.load.YamlNode.MapNode;
import io.kafkaops.model.load.YamlNode.ScalarKind;
import io.kafkaops.model.load.YamlNode.ScalarNode;
import io.kafkaops.model.schema.Schemas;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.everit.json.schema.ArraySchema;
import org.everit.json.schema.BooleanSchema;
import org.everit.json.schema.CombinedSchema;
import org.everit.json.schema.EnumSchema;
import org.everit.json.schema.NullSchema;
import org.everit.json.schema.NumberSchema;
import org.everit.json.schema.ObjectSchema;
import org.everit.json.schema.ReferenceSchema;
import org.everit.json.schema.Schema;
import org.everit.json.schema.StringSchema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * Validates a located YAML tree against one of the shipped JSON Schemas and turns every violation into a
 * diagnostic at the offending key or value. One validation per document: {@link SchemaCheck} passes a valid one
 * directly on the tree, without exceptions; any other is converted to org.json once and everit (loaded on first need)
 * reports all its violations together.
 *
 * <p>Two liberties on top of plain JSON Schema: an {@code enum} marked {@code "x-ignoreCase": true} accepts any
 * letter case (the loader normalises), and a {@code patternErrorMessage} (the keyword VS Code also understands)
 * becomes the hint of a pattern violation.
 */
public final class SchemaValidator {

    /** Validator for entity files. */
    public static final SchemaValidator ENTITIES = new SchemaValidator(Schemas.entitiesSchema());
    /** Validator for the platform definition. */
    public static final SchemaValidator PLATFORM = new SchemaValidator(Schemas.platformSchema());

    private static final Pattern EXTRANEOUS_KEY = Pattern.compile("^extraneous key \\[(.*)] is not permitted$", Pattern.DOTALL);
    private static final Pattern REQUIRED_KEY = Pattern.compile("^required key \\[(.*)] not found$", Pattern.DOTALL);

    /**
     * System property that makes every document the fast path finds valid go through everit too, failing with an
     * {@link AssertionError} where they disagree. The build's tests (the fuzz suite among them) run with it.
     */
    public static final String CROSS_CHECK_PROPERTY = "kafkaops.schema.crossCheck";

    private final String schemaText;
    private final SchemaCheck fastPath;
    /** everit's compiled schema, loaded on the first document the fast path cannot pass (once per JVM). */
    private volatile Schema schema;

    private SchemaValidator(String schemaText) {
        this.schemaText = schemaText;
        this.fastPath = new SchemaCheck(schemaText);
    }

    private Schema everitSchema() {
        Schema s = schema;
        if (s == null) {
            synchronized (this) {
                s = schema;
                if (s == null) {
                    s = SchemaLoader.builder()
                            .schemaJson(new JSONObject(schemaText))
                            .draftV7Support()
                            .build()
                            .load()
                            .build();
                    schema = s;
                }
            }
        }
        return s;
    }

    /**
     * The problems of one document, and the JSON pointers ({@code #/topics/3}) of every node that has a problem in
     * it or below it, so a builder can skip exactly the entities that are not valid.
     */
    public record Result(List<Diagnostic> diagnostics, Set<String> invalidPointers) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
            invalidPointers = Set.copyOf(invalidPointers);
        }

        /** Whether nothing is wrong at or below the pointer. */
        public boolean isValid(String pointer) {
            return !invalidPointers.contains(pointer);
        }
    }

    public Result validate(YamlNode root) {
        if (fastPath.check(root) == SchemaCheck.Verdict.VALID) {
            if (Boolean.getBoolean(CROSS_CHECK_PROPERTY)) {
                Result slow = validateWithEverit(root);
                if (!slow.diagnostics().isEmpty() || !slow.invalidPointers().isEmpty()) {
                    throw new AssertionError("the schema fast path passed a document everit refuses: " + slow.diagnostics());
                }
            }
            return new Result(List.of(), Set.of());
        }
        return validateWithEverit(root);
    }

    /** everit's verdict, mapped to diagnostics; the same result for a valid document as the fast path's. */
    Result validateWithEverit(YamlNode root) {
        Schema schema = everitSchema();
        try {
            schema.validate(toJson(root));
            return new Result(List.of(), Set.of());
        } catch (ValidationException e) {
            Mapper mapper = new Mapper(root, schema);
            mapper.collect(e);
            mapper.finish();
            return new Result(mapper.diagnostics.stream().sorted(Diagnostic.ORDER).toList(), mapper.invalid);
        }
    }

    static Object toJson(YamlNode node) {
        if (node instanceof MapNode m) {
            JSONObject o = new JSONObject();
            for (YamlNode.Entry e : m.entries().values()) o.put(e.key(), toJson(e.value()));
            return o;
        }
        if (node instanceof ListNode l) {
            JSONArray a = new JSONArray();
            for (YamlNode item : l.items()) a.put(toJson(item));
            return a;
        }
        ScalarNode s = (ScalarNode) node;
        if (s.kind() == ScalarKind.NULL) return JSONObject.NULL;
        // org.json refuses NaN and infinities; as text they still fail any numeric schema with a clear message
        if (s.value() instanceof Double d && !Double.isFinite(d)) return s.text();
        return s.value();
    }

    /** Maps everit's exception tree back onto the YAML tree. */
    private static final class Mapper {
        private final YamlNode root;
        private final Schema rootSchema;
        private final Set<Diagnostic> diagnostics = new LinkedHashSet<>();
        private final Set<String> invalid = new HashSet<>();
        private final List<Missing> missingRequired = new ArrayList<>();
        /** pointer/key of required keys that are present under a misspelled name */
        private final Set<String> misspelled = new HashSet<>();

        Mapper(YamlNode root, Schema rootSchema) {
            this.root = root;
            this.rootSchema = rootSchema;
        }

        void finish() {
            // "unknown key 'prefx' (did you mean 'prefix'?)" already says what "no 'prefix'" would
            for (Missing m : missingRequired) {
                if (misspelled.contains(m.target.pointer + "/" + m.key)) continue;
                report(LoadRules.SCHEMA, m.target, m.target.path + " has no '" + m.key + "', which is required",
                        m.target.node.location(), "add '" + m.key + ": ...'");
            }
        }

        void collect(ValidationException e) {
            String keyword = e.getKeyword();
            List<ValidationException> causes = e.getCausingExceptions();
            if (("oneOf".equals(keyword) || "anyOf".equals(keyword)) && !causes.isEmpty()) {
                combinator(e, causes);
            } else if (!causes.isEmpty()) {
                for (ValidationException c : causes) collect(c);
            } else {
                leaf(e);
            }
        }

        /**
         * A value matched none of the alternatives. The alternatives whose type fits are the ones the user meant;
         * if exactly one fits, its problems are the real ones. Otherwise the value has the wrong type for all.
         */
        private void combinator(ValidationException e, List<ValidationException> causes) {
            List<ValidationException> fitting = causes.stream().filter(c -> !isTypeMismatch(c)).toList();
            if (fitting.size() == 1) {
                collect(fitting.get(0));
                return;
            }
            Target t = resolve(e.getPointerToViolation());
            if (fitting.isEmpty()) {
                Set<String> expected = new LinkedHashSet<>();
                for (ValidationException c : causes) expected.add(expectedType(leafOf(c).getViolatedSchema()));
                // type: [a, b] is an anyOf on the property's owner, whose description would not fit; a real
                // oneOf/anyOf carries a description of its alternatives
                String description = unwrap(e.getViolatedSchema()) instanceof CombinedSchema c ? c.getDescription() : null;
                report(LoadRules.SCHEMA, t, t.path + " must be " + joinOr(expected) + ", not " + found(t.node),
                        t.node.location(), description);
            } else {
                report(LoadRules.SCHEMA, t, t.path + ": " + e.getErrorMessage(), t.node.location(), null);
            }
        }

        private static boolean isTypeMismatch(ValidationException c) {
            return c.getCausingExceptions().isEmpty() && "type".equals(c.getKeyword());
        }

        private static ValidationException leafOf(ValidationException c) {
            return c.getCausingExceptions().isEmpty() ? c : leafOf(c.getCausingExceptions().get(0));
        }

        private void leaf(ValidationException e) {
            Target t = resolve(e.getPointerToViolation());
            String keyword = e.getKeyword() == null ? "" : e.getKeyword();
            Schema violated = unwrap(e.getViolatedSchema());
            if ("type".equals(keyword) || RANGE_KEYWORDS.contains(keyword)) {
                // below additionalProperties (overrides.<stage>.partitions) everit names the enclosing object's
                // schema as the violated one; the schema of the value itself is the one the message must describe
                Schema own = schemaAt(rootSchema, e.getPointerToViolation());
                if (own != null && !(own instanceof CombinedSchema)) violated = own;
            }
            switch (keyword) {
                case "additionalProperties" -> unknownKey(e, t, violated);
                case "required" -> {
                    Matcher m = REQUIRED_KEY.matcher(e.getErrorMessage());
                    String key = m.matches() ? m.group(1) : "?";
                    missingRequired.add(new Missing(t, key));
                }
                case "type" -> typeMismatch(t, violated);
                case "enum" -> enumMismatch(t, violated);
                case "pattern" -> {
                    Object hint = violated == null ? null : violated.getUnprocessedProperties().get("patternErrorMessage");
                    report(LoadRules.SCHEMA, t, t.path + ": '" + text(t.node) + "' is not allowed here",
                            t.node.location(), hint == null ? e.getErrorMessage() : hint.toString());
                }
                case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" -> range(t, violated, keyword, e);
                case "minLength" -> report(LoadRules.SCHEMA, t, t.path + " must not be empty", t.node.location(), null);
                case "minItems" -> report(LoadRules.SCHEMA, t, t.path + " needs at least "
                        + ((ArraySchema) violated).getMinItems() + " item(s)", t.node.location(), null);
                case "minProperties" -> report(LoadRules.SCHEMA, t, t.path + " needs at least "
                        + ((ObjectSchema) violated).getMinProperties() + " entry(s)", t.node.location(), null);
                case "uniqueItems" -> report(LoadRules.SCHEMA, t, t.path + " lists the same value twice",
                        t.node.location(), "remove the repeated value");
                default -> report(LoadRules.SCHEMA, t, t.path + ": " + e.getErrorMessage(), t.node.location(), null);
            }
        }

        private void unknownKey(ValidationException e, Target t, Schema violated) {
            Matcher m = EXTRANEOUS_KEY.matcher(e.getErrorMessage());
            if (!m.matches() || !(t.node instanceof MapNode map) || map.entry(m.group(1)) == null) {
                report(LoadRules.UNKNOWN_KEY, t, t.path + ": " + e.getErrorMessage(), t.node.location(), null);
                return;
            }
            String key = m.group(1);
            Collection<String> allowed = violated instanceof ObjectSchema os
                    ? os.getPropertySchemas().keySet().stream().filter(k -> !k.startsWith("$")).toList()
                    : List.of();
            Suggestions.closest(key, allowed).ifPresent(s -> misspelled.add(t.pointer + "/" + s));
            String hint = Suggestions.didYouMean(key, allowed);
            if (hint == null && !allowed.isEmpty()) {
                hint = "allowed here: " + String.join(", ", new TreeSet<>(allowed));
            }
            String where = t.path.equals("the document") ? "at the top level" : "in " + t.path;
            report(LoadRules.UNKNOWN_KEY, t, "unknown key '" + key + "' " + where, map.entry(key).keyLocation(), hint);
        }

        private void typeMismatch(Target t, Schema violated) {
            String expected = expectedType(violated);
            String hint = null;
            if (t.node instanceof ScalarNode s) {
                if (s.kind() == ScalarKind.NULL) {
                    hint = "give it a value or remove the key";
                } else if (s.kind() == ScalarKind.STRING && violated instanceof NumberSchema
                        && s.text().trim().matches("-?\\d+(\\.\\d+)?")) {
                    hint = "write " + s.text().trim() + " without quotes";
                } else if (s.kind() == ScalarKind.STRING && violated instanceof BooleanSchema) {
                    String word = s.text().trim().toLowerCase(Locale.ROOT);
                    hint = switch (word) {
                        case "true", "yes", "on", "y" -> "write true (without quotes)";
                        case "false", "no", "off", "n" -> "write false (without quotes)";
                        default -> "write true or false";
                    };
                } else if (violated instanceof StringSchema) {
                    hint = "quote it: \"" + s.text() + "\"";
                }
            }
            report(LoadRules.SCHEMA, t, t.path + " must be " + expected + ", not " + found(t.node),
                    t.node.location(), hint);
        }

        private void enumMismatch(Target t, Schema violated) {
            List<String> values = violated instanceof EnumSchema es
                    ? es.getPossibleValuesAsList().stream().map(String::valueOf).toList()
                    : List.of();
            if (t.node instanceof ScalarNode s && violated != null
                    && Boolean.TRUE.equals(violated.getUnprocessedProperties().get("x-ignoreCase"))
                    && values.stream().anyMatch(v -> v.equalsIgnoreCase(s.text()))) {
                return;
            }
            String hint = Suggestions.didYouMean(text(t.node), values);
            report(LoadRules.SCHEMA, t, t.path + ": '" + text(t.node) + "' is not one of " + String.join(", ", values),
                    t.node.location(), hint);
        }

        private void range(Target t, Schema violated, String keyword, ValidationException e) {
            if (!(violated instanceof NumberSchema ns)) {
                report(LoadRules.SCHEMA, t, t.path + ": " + e.getErrorMessage(), t.node.location(), null);
                return;
            }
            String message = switch (keyword) {
                case "minimum" -> " must be at least " + ns.getMinimum();
                case "maximum" -> " must be at most " + ns.getMaximum();
                case "exclusiveMinimum" -> " must be more than " + ns.getExclusiveMinimumLimit();
                default -> " must be less than " + ns.getExclusiveMaximumLimit();
            };
            report(LoadRules.SCHEMA, t, t.path + message + ", not " + text(t.node), t.node.location(), null);
        }

        private void report(String rule, Target t, String message, Location at, String hint) {
            diagnostics.add(Diagnostic.error(rule, message, at, hint));
            markInvalid(t.pointer);
        }

        private void markInvalid(String pointer) {
            String p = pointer;
            while (invalid.add(p)) {
                int cut = p.lastIndexOf('/');
                if (cut < 0) break;
                p = p.substring(0, cut);
            }
        }

        /** The node a pointer names (or the deepest one that exists), with a path the user can read. */
        private Target resolve(String pointer) {
            YamlNode node = root;
            StringBuilder path = new StringBuilder();
            String normalized = pointer == null || pointer.isEmpty() ? "#" : pointer;
            String[] parts = normalized.split("/", -1);
            for (int i = 1; i < parts.length; i++) {
                String key = parts[i].replace("~1", "/").replace("~0", "~");
                YamlNode next = null;
                if (node instanceof MapNode m) {
                    next = m.get(key);
                    if (path.length() > 0) path.append('.');
                    path.append(key);
                } else if (node instanceof ListNode l) {
                    try {
                        int index = Integer.parseInt(key);
                        if (index >= 0 && index < l.items().size()) next = l.items().get(index);
                    } catch (NumberFormatException ignored) {
                        // not an index: the pointer leaves the tree, keep the deepest node found
                    }
                    path.append('[').append(key).append(']');
                }
                if (next == null) break;
                node = next;
            }
            return new Target(normalized, path.length() == 0 ? "the document" : path.toString(), node);
        }
    }

    private static final Set<String> RANGE_KEYWORDS =
            Set.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum");

    /** The schema that applies to the value a JSON pointer names, or null where it cannot be told (oneOf, ...). */
    static Schema schemaAt(Schema root, String pointer) {
        Schema s = unwrap(root);
        String normalized = pointer == null || pointer.isEmpty() ? "#" : pointer;
        String[] parts = normalized.split("/", -1);
        for (int i = 1; i < parts.length && s != null; i++) {
            String key = parts[i].replace("~1", "/").replace("~0", "~");
            if (s instanceof ObjectSchema o) {
                Schema next = o.getPropertySchemas().get(key);
                if (next == null) {
                    for (var pp : o.getPatternProperties().entrySet()) {
                        if (pp.getKey().matcher(key).find()) {
                            next = pp.getValue();
                            break;
                        }
                    }
                }
                s = next != null ? next : o.getSchemaOfAdditionalProperties();
            } else if (s instanceof ArraySchema a) {
                Schema next = a.getAllItemSchema();
                if (next == null && a.getItemSchemas() != null) {
                    try {
                        int index = Integer.parseInt(key);
                        next = index >= 0 && index < a.getItemSchemas().size() ? a.getItemSchemas().get(index)
                                : a.getSchemaOfAdditionalItems();
                    } catch (NumberFormatException notAnIndex) {
                        next = null;
                    }
                }
                s = next;
            } else {
                return null;
            }
            s = unwrap(s);
        }
        return s;
    }

    private record Target(String pointer, String path, YamlNode node) {
    }

    private record Missing(Target target, String key) {
    }

    private static final List<String> TYPE_ORDER =
            List.of("a string", "an integer", "a number", "true or false", "a map", "a list", "empty");

    private static Schema unwrap(Schema s) {
        Schema current = s;
        for (int i = 0; i < 16 && current instanceof ReferenceSchema r && r.getReferredSchema() != null; i++) {
            current = r.getReferredSchema();
        }
        return current;
    }

    static String expectedType(Schema schema) {
        Schema s = unwrap(schema);
        if (s instanceof NumberSchema n) return n.requiresInteger() ? "an integer" : "a number";
        if (s instanceof StringSchema) return "a string";
        if (s instanceof BooleanSchema) return "true or false";
        if (s instanceof ObjectSchema) return "a map";
        if (s instanceof ArraySchema) return "a list";
        if (s instanceof NullSchema) return "empty";
        if (s instanceof CombinedSchema c) {
            return joinOr(c.getSubschemas().stream().map(SchemaValidator::expectedType)
                    .collect(Collectors.toCollection(LinkedHashSet::new)));
        }
        return "something else";
    }

    private static String joinOr(Collection<String> words) {
        List<String> list = new ArrayList<>(words);
        list.sort(java.util.Comparator.comparingInt(w -> TYPE_ORDER.indexOf(w) < 0 ? 99 : TYPE_ORDER.indexOf(w)));
        if (list.size() <= 1) return list.isEmpty() ? "something else" : list.get(0);
        return String.join(", ", list.subList(0, list.size() - 1)) + " or " + list.get(list.size() - 1);
    }

    private static String found(YamlNode node) {
        if (node instanceof ScalarNode s && s.kind() != ScalarKind.NULL) {
            String shown = s.kind() == ScalarKind.STRING ? "\"" + abbreviate(s.text()) + "\"" : abbreviate(s.text());
            return s.describe() + " (" + shown + ")";
        }
        return node.describe();
    }

    private static String text(YamlNode node) {
        return node instanceof ScalarNode s ? abbreviate(s.text()) : node.describe();
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
