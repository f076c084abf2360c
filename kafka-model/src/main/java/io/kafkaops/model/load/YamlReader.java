package io.kafkaops.model.load;

import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Location;
import io.kafkaops.model.load.YamlNode.Entry;
import io.kafkaops.model.load.YamlNode.ListNode;
import io.kafkaops.model.load.YamlNode.MapNode;
import io.kafkaops.model.load.YamlNode.ScalarNode;
import java.util.List;

/**
 * Turns YAML text into {@link YamlNode} trees, one per document, every node with its line and column. Text in the
 * plain subset entity files are written in is read by {@link SubsetYaml}, anything else, every file with a problem
 * among them, by {@link FullYamlParser} (jackson's streaming parser over snakeyaml), which reports the problems. The
 * full parser's classes are loaded only when a file needs it.
 */
public final class YamlReader {

    /** The documents of one file (empty documents left out) and the problems found. */
    public record Result(List<YamlNode> documents, List<Diagnostic> diagnostics) {
        public Result {
            documents = List.copyOf(documents);
            diagnostics = List.copyOf(diagnostics);
        }
    }

    private YamlReader() {
    }

    /** Parses text already decoded by the caller; {@code displayName} becomes {@link Location#file()}. */
    public static Result read(String text, String displayName, LoaderLimits limits) {
        List<YamlNode> subset = SubsetYaml.read(text, displayName, limits);
        if (subset == null) return FullYamlParser.read(text, displayName, limits);
        if (Boolean.getBoolean(SchemaValidator.CROSS_CHECK_PROPERTY)) {
            Result full = FullYamlParser.read(text, displayName, limits);
            String difference = full.diagnostics().isEmpty() ? difference(full.documents(), subset, "")
                    : "diagnostics " + full.diagnostics();
            if (difference != null) {
                throw new AssertionError("the YAML subset reader disagrees with the full parser on " + displayName
                        + ": " + difference);
            }
        }
        return new Result(subset, List.of());
    }

    /** What the full parser makes of the text, whether the subset reader could read it or not. */
    static Result readFully(String text, String displayName, LoaderLimits limits) {
        return FullYamlParser.read(text, displayName, limits);
    }

    /** Where two trees differ (null when they do not), for the cross-check of the subset reader. */
    static String difference(List<YamlNode> expected, List<YamlNode> actual, String path) {
        if (expected.size() != actual.size()) return path + ": " + expected.size() + " items, not " + actual.size();
        for (int i = 0; i < expected.size(); i++) {
            String d = difference(expected.get(i), actual.get(i), path + "[" + i + "]");
            if (d != null) return d;
        }
        return null;
    }

    private static String difference(YamlNode expected, YamlNode actual, String path) {
        if (expected.getClass() != actual.getClass() || !expected.location().equals(actual.location())) {
            return path + ": " + expected.describe() + " at " + expected.location() + ", not " + actual.describe()
                    + " at " + actual.location();
        }
        if (expected instanceof ScalarNode e) {
            return e.equals(actual) ? null : path + ": " + expected + ", not " + actual;
        }
        if (expected instanceof ListNode e) return difference(e.items(), ((ListNode) actual).items(), path);
        List<Entry> e = List.copyOf(((MapNode) expected).entries().values());
        List<Entry> a = List.copyOf(((MapNode) actual).entries().values());
        if (e.size() != a.size()) return path + ": " + e.size() + " keys, not " + a.size();
        for (int i = 0; i < e.size(); i++) {
            if (!e.get(i).key().equals(a.get(i).key()) || !e.get(i).keyLocation().equals(a.get(i).keyLocation())) {
                return path + ": key " + e.get(i).key() + " at " + e.get(i).keyLocation() + ", not " + a.get(i).key()
                        + " at " + a.get(i).keyLocation();
            }
            String d = difference(e.get(i).value(), a.get(i).value(), path + "." + e.get(i).key());
            if (d != null) return d;
        }
        return null;
    }
}
