package io.kafkaops.engine.edit;

import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Location;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * The parameters of the entity-management goals ({@code -Dkafka.topics=...}) and how their text becomes a request.
 * Goals pass the raw values keyed by property name; every problem with them is reported at once, each naming its
 * parameter.
 *
 * <p>Lists are comma-separated. In {@code key=value} lists a comma inside a value is written {@code \,}; a part that
 * does not start with {@code key=} also continues the value before it, so {@code cleanup.policy=compact,delete}
 * means what it says.
 */
public final class EditParameters {

    public static final String TOPICS = "kafka.topics";
    public static final String SERVICE_ACCOUNTS = "kafka.serviceAccounts";
    public static final String SERVICE_ACCOUNT = "kafka.serviceAccount";
    public static final String PARTITIONS = "kafka.partitions";
    public static final String REPLICATION_FACTOR = "kafka.replicationFactor";
    public static final String CONFIG = "kafka.config";
    public static final String REMOVE_CONFIG = "kafka.removeConfig";
    public static final String METADATA = "kafka.metadata";
    public static final String REMOVE_METADATA = "kafka.removeMetadata";
    public static final String DESCRIPTION = "kafka.description";
    public static final String VISIBILITY = "kafka.visibility";
    public static final String SHARED_WITH = "kafka.sharedWith";
    public static final String PROTECTED = "kafka.protected";
    public static final String DEPLOY_TO = "kafka.deployTo";
    public static final String CREDENTIALS = "kafka.credentials";
    public static final String PRODUCE = "kafka.produce";
    public static final String CONSUME = "kafka.consume";
    public static final String GROUPS = "kafka.groups";
    public static final String TRANSACTIONAL_IDS = "kafka.transactionalIds";
    public static final String PREFIXED = "kafka.prefixed";
    public static final String FILE = "kafka.file";
    public static final String DRY_RUN = "kafka.dryRun";

    private static final Pattern KEY_START = Pattern.compile("^\\s*[A-Za-z0-9._-]+\\s*=.*", Pattern.DOTALL);
    private static final Set<String> VISIBILITIES = Set.of("private", "protected", "public");

    private final Map<String, String> raw;
    private final List<Diagnostic> problems = new ArrayList<>();

    private EditParameters(Map<String, String> raw) {
        this.raw = raw;
    }

    // ---- requests ------------------------------------------------------------------------------------------------

    public static EntityEdit.AddTopics addTopics(Map<String, String> raw) throws EditRejectedException {
        EditParameters p = new EditParameters(raw);
        List<String> names = p.names(TOPICS, true);
        TopicSettings settings = p.topicSettings(true);
        p.check("kafka:add-topic");
        return new EntityEdit.AddTopics(names, settings);
    }

    public static EntityEdit.UpdateTopics updateTopics(Map<String, String> raw) throws EditRejectedException {
        EditParameters p = new EditParameters(raw);
        List<String> names = p.names(TOPICS, true);
        TopicSettings settings = p.topicSettings(false);
        List<String> removeConfig = p.names(REMOVE_CONFIG, false);
        List<String> removeMetadata = p.names(REMOVE_METADATA, false);
        for (String k : removeConfig) {
            if (settings.config().containsKey(k)) p.problem(REMOVE_CONFIG, "'" + k + "' is both set (" + CONFIG
                    + ") and removed", "keep it in one of the two");
        }
        for (String k : removeMetadata) {
            if (settings.metadata().containsKey(k)) p.problem(REMOVE_METADATA, "'" + k + "' is both set ("
                    + METADATA + ") and removed", "keep it in one of the two");
        }
        if (settings.isEmpty() && removeConfig.isEmpty() && removeMetadata.isEmpty() && p.problems.isEmpty()) {
            p.problem(TOPICS, "nothing to change", "set at least one of -D" + PARTITIONS + ", -D" + REPLICATION_FACTOR
                    + ", -D" + CONFIG + ", -D" + REMOVE_CONFIG + ", -D" + METADATA + ", -D" + REMOVE_METADATA
                    + ", -D" + DESCRIPTION + ", -D" + VISIBILITY + ", -D" + SHARED_WITH + ", -D" + PROTECTED
                    + ", -D" + DEPLOY_TO);
        }
        p.check("kafka:update-topic");
        return new EntityEdit.UpdateTopics(names, settings, removeConfig, removeMetadata);
    }

    public static EntityEdit.AddServiceAccounts addServiceAccounts(Map<String, String> raw)
            throws EditRejectedException {
        EditParameters p = new EditParameters(raw);
        List<String> names = p.names(SERVICE_ACCOUNTS, true);
        String description = p.text(DESCRIPTION);
        Map<String, String> metadata = p.keyValues(METADATA);
        Boolean credentials = p.bool(CREDENTIALS);
        List<String> deployTo = p.optionalNames(DEPLOY_TO);
        p.check("kafka:add-service-account");
        return new EntityEdit.AddServiceAccounts(names, description, metadata, credentials, deployTo);
    }

    public static EntityEdit.Grant grant(Map<String, String> raw) throws EditRejectedException {
        return accessEdit(raw, "kafka:grant", EntityEdit.Grant::new);
    }

    public static EntityEdit.Revoke revoke(Map<String, String> raw) throws EditRejectedException {
        return accessEdit(raw, "kafka:revoke", EntityEdit.Revoke::new);
    }

    /** Grant and revoke take the same parameters: service accounts and the rights to add or take away. */
    private static <E extends EntityEdit> E accessEdit(Map<String, String> raw, String goal,
                                                       BiFunction<List<String>, Access, E> edit)
            throws EditRejectedException {
        EditParameters p = new EditParameters(raw);
        List<String> accounts = p.names(SERVICE_ACCOUNT, true);
        Access access = p.access();
        p.check(goal);
        return edit.apply(accounts, access);
    }

    public static EntityEdit.Remove remove(Map<String, String> raw) throws EditRejectedException {
        EditParameters p = new EditParameters(raw);
        List<String> topics = p.names(TOPICS, false);
        List<String> accounts = p.names(SERVICE_ACCOUNTS, false);
        if (topics.isEmpty() && accounts.isEmpty() && p.problems.isEmpty()) {
            p.problem(TOPICS, "nothing to remove", "name topics with -D" + TOPICS + " and/or service accounts with -D"
                    + SERVICE_ACCOUNTS + ", comma-separated");
        }
        p.check("kafka:remove");
        return new EntityEdit.Remove(topics, accounts);
    }

    /**
     * The file new entities go to, relative to the kafka directory: a {@code .yaml}/{@code .yml} path that stays
     * inside it. Null when not given.
     */
    public static String file(String value) throws EditRejectedException {
        if (value == null || value.isBlank()) return null;
        String f = value.trim().replace('\\', '/');
        while (f.startsWith("./")) f = f.substring(2);
        String lower = f.toLowerCase(Locale.ROOT);
        String problem = null;
        if (!(lower.endsWith(".yaml") || lower.endsWith(".yml"))) {
            problem = "'" + value + "' is not a .yaml or .yml file, so kafka:validate would not read it";
        } else if (f.startsWith("/") || f.matches("^[A-Za-z]:.*") || f.equals("..") || f.startsWith("../")
                || f.contains("/../") || f.endsWith("/..")) {
            problem = "'" + value + "' is not a path inside the Kafka directory";
        } else {
            for (String part : f.split("/")) {
                if (part.startsWith(".")) {
                    problem = "'" + value + "' is hidden (a part starts with '.'), so kafka:validate would not read it";
                    break;
                }
            }
        }
        if (problem != null) {
            throw new EditRejectedException("The parameter -D" + FILE + " is invalid; nothing was changed",
                    List.of(Diagnostic.error(EditRules.PARAMETER, problem, COMMAND_LINE,
                            "give a path relative to the Kafka directory, e.g. -D" + FILE + "=topics/billing.yaml")));
        }
        return f;
    }

    // ---- pieces --------------------------------------------------------------------------------------------------

    private TopicSettings topicSettings(boolean creating) {
        Integer partitions = positiveInt(PARTITIONS);
        Integer rf = positiveInt(REPLICATION_FACTOR);
        Map<String, String> config = keyValues(CONFIG);
        Map<String, String> metadata = new LinkedHashMap<>();
        String description = text(DESCRIPTION);
        Map<String, String> given = keyValues(METADATA);
        if (description != null) {
            if (given.containsKey("description")) {
                problem(DESCRIPTION, "the description is given twice: -D" + DESCRIPTION + " and description= in -D"
                        + METADATA, "give it once");
            }
            metadata.put("description", description);
        }
        given.forEach(metadata::putIfAbsent);
        String visibility = visibility();
        List<String> sharedWith = optionalNames(SHARED_WITH);
        Boolean prot = bool(PROTECTED);
        List<String> deployTo = optionalNames(DEPLOY_TO);
        return new TopicSettings(partitions, rf, config, metadata, visibility, sharedWith, prot, deployTo);
    }

    private Access access() {
        Boolean prefixed = bool(PREFIXED);
        boolean allPrefixes = prefixed != null && prefixed;
        Access a = new Access(resources(PRODUCE, allPrefixes), resources(CONSUME, allPrefixes),
                resources(GROUPS, allPrefixes), resources(TRANSACTIONAL_IDS, allPrefixes));
        if (a.isEmpty() && problems.isEmpty()) {
            problem(PRODUCE, "no rights given", "name at least one of -D" + PRODUCE + ", -D" + CONSUME + ", -D"
                    + GROUPS + ", -D" + TRANSACTIONAL_IDS + " (comma-separated; a trailing * or -D" + PREFIXED
                    + "=true makes a name a prefix)");
        }
        return a;
    }

    private String value(String property) {
        String v = raw.get(property);
        return v == null || v.isBlank() ? null : v;
    }

    private String text(String property) {
        String v = value(property);
        return v == null ? null : v.strip();
    }

    private List<String> names(String property, boolean required) {
        String v = value(property);
        if (v == null) {
            if (required) problem(property, "is missing", "set -D" + property + " to one or more names, comma-separated");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String part : v.split(",")) {
            String name = part.strip();
            if (name.isEmpty()) continue;
            if (!seen.add(name)) {
                problem(property, "names '" + name + "' twice", "name every entity once");
                continue;
            }
            out.add(name);
        }
        if (out.isEmpty() && required) problem(property, "names nothing", "set -D" + property + " to one or more names");
        return out;
    }

    private List<String> optionalNames(String property) {
        return value(property) == null ? null : names(property, false);
    }

    private Integer positiveInt(String property) {
        String v = text(property);
        if (v == null) return null;
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(property, "'" + v + "' is not a whole number of at least 1", "for example -D" + property + "=6");
        return null;
    }

    private Boolean bool(String property) {
        String v = text(property);
        if (v == null) return null;
        if (v.equalsIgnoreCase("true")) return true;
        if (v.equalsIgnoreCase("false")) return false;
        problem(property, "'" + v + "' is neither true nor false", "write -D" + property + "=true or =false");
        return null;
    }

    private String visibility() {
        String v = text(VISIBILITY);
        if (v == null) return null;
        String lower = v.toLowerCase(Locale.ROOT);
        if (VISIBILITIES.contains(lower)) return lower;
        problem(VISIBILITY, "'" + v + "' is not a visibility", "use private, protected or public");
        return null;
    }

    /** {@code key=value,key=value}; see the class comment for commas inside values. */
    private Map<String, String> keyValues(String property) {
        Map<String, String> out = new LinkedHashMap<>();
        String v = value(property);
        if (v == null) return out;
        List<String> parts = splitEscaped(v);
        List<String> merged = new ArrayList<>();
        for (String part : parts) {
            if (KEY_START.matcher(part).matches() || merged.isEmpty()) merged.add(part);
            else merged.set(merged.size() - 1, merged.get(merged.size() - 1) + "," + part);
        }
        for (String part : merged) {
            if (part.isBlank()) continue;
            int eq = part.indexOf('=');
            String key = eq < 0 ? part.strip() : part.substring(0, eq).strip();
            String val = eq < 0 ? "" : part.substring(eq + 1).strip();
            if (eq < 0 || key.isEmpty()) {
                problem(property, "'" + part.strip() + "' is not key=value", "write -D" + property + "=key=value,key=value");
            } else if (val.isEmpty()) {
                problem(property, "'" + key + "' has no value", property.equals(CONFIG) || property.equals(METADATA)
                        ? "give a value; to remove a key from a topic use kafka:update-topic with -D"
                        + (property.equals(CONFIG) ? REMOVE_CONFIG : REMOVE_METADATA) + "=" + key
                        : "give a value");
            } else if (out.putIfAbsent(key, val) != null) {
                problem(property, "sets '" + key + "' twice", "set every key once");
            }
        }
        return out;
    }

    /** Splits at commas that are not written {@code \,}. */
    private static List<String> splitEscaped(String v) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length() && v.charAt(i + 1) == ',') {
                cur.append(',');
                i++;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** Names for a grant list; a trailing {@code *} (or {@code prefixed}) makes one a prefix. */
    private List<Access.Resource> resources(String property, boolean prefixed) {
        List<Access.Resource> out = new ArrayList<>();
        for (String name : names(property, false)) {
            boolean prefix = prefixed || name.endsWith("*");
            String n = name.endsWith("*") ? name.substring(0, name.length() - 1) : name;
            if (n.isEmpty()) {
                problem(property, "'" + name + "' names no prefix", "write the prefix before the *, e.g. billing.*");
                continue;
            }
            out.add(new Access.Resource(n, prefix));
        }
        return out;
    }

    private void problem(String property, String message, String hint) {
        problems.add(Diagnostic.error(EditRules.PARAMETER, "-D" + property + " " + message, COMMAND_LINE, hint));
    }

    /** Where problems with parameters are reported: they come from the command line (or the POM). */
    static final Location COMMAND_LINE = Location.ofFile("command line");

    private void check(String goal) throws EditRejectedException {
        if (!problems.isEmpty()) {
            throw new EditRejectedException("The parameters of " + goal + " are invalid; nothing was changed", problems);
        }
    }
}
