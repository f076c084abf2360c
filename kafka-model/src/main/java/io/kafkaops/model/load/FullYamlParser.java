package io.kafkaops.model.load;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Location;
import io.kafkaops.model.load.YamlNode.Entry;
import io.kafkaops.model.load.YamlNode.ListNode;
import io.kafkaops.model.load.YamlNode.MapNode;
import io.kafkaops.model.load.YamlNode.ScalarKind;
import io.kafkaops.model.load.YamlNode.ScalarNode;
import io.kafkaops.model.load.YamlReader.Result;
import java.io.CharArrayReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * The full parser of {@link YamlReader}, for what {@link SubsetYaml} leaves to it: turns YAML text into
 * {@link YamlNode} trees, one per document, from jackson's streaming parser so every node keeps its line and column. Detects what the streaming parser lets through: duplicate keys, undefined aliases, nesting
 * beyond {@link LoaderLimits#maxDepth()} and alias expansion beyond {@link LoaderLimits#maxAliasExpansion()}.
 * Supports anchors, aliases and merge keys ({@code <<: *defaults}).
 *
 * <p>A fatal problem (syntax error, limit exceeded) ends the file: documents completed before it are kept.
 */
final class FullYamlParser {

    private static final String MERGE_KEY = "<<";

    private static final YAMLFactory FACTORY = createFactory();

    private FullYamlParser() {
    }

    private static YAMLFactory createFactory() {
        LoaderOptions options = new LoaderOptions();
        // Size is bounded before parsing (LoaderLimits.maxFileBytes); snakeyaml's own 3 MB cap would otherwise
        // reject files the loader accepts. Depth is checked by the reader, well below jackson's own limit.
        options.setCodePointLimit(Integer.MAX_VALUE);
        options.setNestingDepthLimit(10_000);
        return new AnchorAwareFactory(YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(10_000).build())
                .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                // YAML 1.2, like the editors' yaml-language-server: only true/false are booleans, so "country: NO"
                // stays a string and "protected: yes" is flagged the same way in the editor and in the build
                .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS));
    }

    /** Creates {@link AnchorAwareParser}s; everything else is jackson's YAML factory as configured. */
    private static final class AnchorAwareFactory extends YAMLFactory {
        private static final long serialVersionUID = 1L;

        AnchorAwareFactory(YAMLFactoryBuilder builder) {
            super(builder);
        }

        @Override
        protected YAMLParser _createParser(Reader r, IOContext ctxt) {
            return new AnchorAwareParser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, r);
        }

        @Override
        protected YAMLParser _createParser(char[] data, int offset, int len, IOContext ctxt, boolean recyclable) {
            return new AnchorAwareParser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec,
                    new CharArrayReader(data, offset, len));
        }
    }

    /**
     * Jackson reports the anchor of maps and lists ({@code getObjectId()}) but drops the anchor of a scalar value
     * ({@code retention: &week 7d}); the snakeyaml event it was read from still has it.
     */
    private static final class AnchorAwareParser extends YAMLParser {
        AnchorAwareParser(IOContext ctxt, int parserFeatures, int formatFeatures, LoaderOptions loaderOptions,
                          ObjectCodec codec, Reader reader) {
            super(ctxt, parserFeatures, formatFeatures, loaderOptions, codec, reader);
        }

        String anchor() {
            return _lastEvent instanceof NodeEvent n && !(n instanceof AliasEvent) ? n.getAnchor() : null;
        }

        /** The scalar just read, with its style and tag, which jackson's tokens do not keep. */
        ScalarEvent scalar() {
            return _lastEvent instanceof ScalarEvent s ? s : null;
        }
    }

    /** Parses text already decoded by the caller; {@code displayName} becomes {@link Location#file()}. */
    static Result read(String text, String displayName, LoaderLimits limits) {
        List<YamlNode> documents = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        LineIndex lines = new LineIndex(text);
        try (AnchorAwareParser parser = (AnchorAwareParser) FACTORY.createParser(text)) {
            new Parse(parser, displayName, lines, limits, diagnostics).documents(documents);
        } catch (Abort abort) {
            // the diagnostic is already recorded
        } catch (StreamConstraintsException e) {
            String rule = e.getOriginalMessage().contains("nesting depth") ? LoadRules.TOO_DEEP : LoadRules.YAML_SYNTAX;
            diagnostics.add(Diagnostic.error(rule, "the YAML exceeds a parser limit: " + e.getOriginalMessage(),
                    location(displayName, lines, e.getLocation()), "simplify the file"));
        } catch (JacksonException e) {
            diagnostics.add(syntaxError(e, displayName, lines));
        } catch (IOException | RuntimeException e) {
            // snakeyaml reports some problems as unchecked YAMLException; none of them is worth a stack trace
            diagnostics.add(Diagnostic.error(LoadRules.YAML_SYNTAX, "the YAML cannot be parsed: " + firstLine(e.getMessage()),
                    new Location(displayName, 1, 1), GENERIC_HINT));
        }
        return new Result(documents, diagnostics);
    }

    /** Thrown after a fatal diagnostic was recorded, to stop parsing the file. */
    private static final class Abort extends RuntimeException {
        Abort() {
            super(null, null, false, false);
        }
    }

    private static final class Parse {
        private final AnchorAwareParser p;
        private final String file;
        private final LineIndex lines;
        private final LoaderLimits limits;
        private final List<Diagnostic> diagnostics;
        private final Map<String, YamlNode> anchors = new HashMap<>();
        private long aliasExpansion;

        Parse(AnchorAwareParser p, String file, LineIndex lines, LoaderLimits limits, List<Diagnostic> diagnostics) {
            this.p = p;
            this.file = file;
            this.lines = lines;
            this.limits = limits;
            this.diagnostics = diagnostics;
        }

        void documents(List<YamlNode> out) throws IOException {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                YamlNode root = value(t, 1);
                // anchors do not reach across documents
                anchors.clear();
                aliasExpansion = 0;
                if (!(root instanceof ScalarNode s && s.kind() == ScalarKind.NULL)) out.add(root);
            }
        }

        private YamlNode value(JsonToken t, int depth) throws IOException {
            Location at = here();
            if (p.isCurrentAlias()) return alias(p.getText(), at);
            String anchor = p.anchor();
            YamlNode node = switch (t) {
                case START_OBJECT -> map(at, depth);
                case START_ARRAY -> list(at, depth);
                case VALUE_STRING, VALUE_EMBEDDED_OBJECT, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE,
                     VALUE_FALSE, VALUE_NULL -> scalar(at);
                default -> throw fatal(LoadRules.YAML_SYNTAX, "unexpected YAML content", at, GENERIC_HINT);
            };
            // registered only once complete, so an alias inside its own anchor is "undefined", never a cycle
            if (anchor != null) anchors.put(anchor, node);
            return node;
        }

        /**
         * A scalar resolved by the YAML 1.2 core schema ({@link CoreSchema}), not by jackson, whose resolution
         * follows YAML 1.1 in places ({@code 010} is 8 there, {@code 1_0} is 10, {@code .inf} an error).
         */
        private ScalarNode scalar(Location at) throws IOException {
            ScalarEvent event = p.scalar();
            if (event == null) return new ScalarNode(ScalarKind.STRING, p.getText(), p.getText(), at);
            String text = event.getValue();
            String tag = event.getTag();
            if (tag == null) {
                if (!event.isPlain()) return new ScalarNode(ScalarKind.STRING, text, text, at);
                if (CoreSchema.isAmbiguous(text)) {
                    String digits = text.replaceFirst("^([-+]?)0+(?=[0-9])", "$1");
                    diagnostics.add(Diagnostic.error(LoadRules.AMBIGUOUS_NUMBER, "'" + text + "' has a leading zero: "
                                    + "YAML 1.2 reads it as " + digits + ", older YAML 1.1 tools as an octal number "
                                    + "or as text", at,
                            "write " + digits + " without the leading zero, or quote it if the text is meant"));
                }
                return node(CoreSchema.resolvePlain(text), text, at);
            }
            return switch (tag) {
                case "tag:yaml.org,2002:str", "!" -> new ScalarNode(ScalarKind.STRING, text, text, at);
                case "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
                     "tag:yaml.org,2002:null" -> {
                    CoreSchema.Resolved r = CoreSchema.resolvePlain(text);
                    String wanted = tag.substring(tag.lastIndexOf(':') + 1);
                    boolean fits = switch (wanted) {
                        case "int" -> r.type() == CoreSchema.Type.INT;
                        case "float" -> r.type() == CoreSchema.Type.FLOAT || r.type() == CoreSchema.Type.INT;
                        case "bool" -> r.type() == CoreSchema.Type.BOOL;
                        default -> r.type() == CoreSchema.Type.NULL;
                    };
                    if (!fits) {
                        diagnostics.add(Diagnostic.error(LoadRules.YAML_SYNTAX, "'" + abbreviate(text)
                                + "' is not a valid !!" + wanted, at, "remove the tag or fix the value"));
                        yield new ScalarNode(ScalarKind.STRING, text, text, at);
                    }
                    if (wanted.equals("float") && r.value() instanceof Number n && !(r.value() instanceof Double)) {
                        yield new ScalarNode(ScalarKind.FLOAT, text, n.doubleValue(), at);
                    }
                    yield node(r, text, at);
                }
                default -> {
                    diagnostics.add(Diagnostic.error(LoadRules.YAML_SYNTAX, "the tag " + abbreviate(tag)
                            + " is not supported here", at, "remove the tag; entity files and the platform "
                            + "definition need none"));
                    yield new ScalarNode(ScalarKind.STRING, text, text, at);
                }
            };
        }

        private static ScalarNode node(CoreSchema.Resolved r, String text, Location at) {
            return ScalarNode.resolved(r, text, at);
        }

        private YamlNode alias(String name, Location at) {
            YamlNode target = anchors.get(name);
            if (target == null) {
                throw fatal(LoadRules.YAML_SYNTAX, "the alias *" + name + " refers to no anchor defined before it", at,
                        "define &" + name + " earlier in the same document, or quote the value if '*' is meant literally");
            }
            aliasExpansion += target.weight();
            if (aliasExpansion > limits.maxAliasExpansion() || aliasExpansion < 0) {
                throw fatal(LoadRules.ALIAS_LIMIT, "aliases expand this document to more than "
                        + limits.maxAliasExpansion() + " nodes", at, "use fewer or smaller aliases");
            }
            return target;
        }

        private MapNode map(Location at, int depth) throws IOException {
            checkDepth(at, depth);
            LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
            List<Entry> merges = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
                if (t != JsonToken.FIELD_NAME) {
                    throw fatal(LoadRules.YAML_SYNTAX, "expected a key", here(), GENERIC_HINT);
                }
                String key = p.currentName();
                Location keyAt = here();
                YamlNode v = value(p.nextToken(), depth + 1);
                Entry entry = new Entry(key, keyAt, v);
                if (MERGE_KEY.equals(key)) {
                    merges.add(entry);
                    continue;
                }
                Entry first = entries.get(key);
                if (first != null) {
                    diagnostics.add(Diagnostic.error(LoadRules.DUPLICATE_KEY,
                            "the key '" + key + "' appears twice in this map (first at line "
                                    + first.keyLocation().line() + ")",
                            keyAt, "keep only one '" + key + "'"));
                } else {
                    entries.put(key, entry);
                }
            }
            for (Entry merge : merges) merge(entries, merge);
            return new MapNode(at, entries);
        }

        /** YAML merge keys: explicit keys win, then earlier merged maps over later ones. */
        private void merge(Map<String, Entry> entries, Entry merge) {
            List<YamlNode> sources = merge.value() instanceof ListNode l ? l.items() : List.of(merge.value());
            for (YamlNode source : sources) {
                if (!(source instanceof MapNode m)) {
                    throw fatal(LoadRules.YAML_SYNTAX, "the merge key '<<' needs a map or a list of maps, not "
                            + source.describe(), merge.keyLocation(), "write '<<: *anchorOfAMap'");
                }
                for (Entry e : m.entries().values()) entries.putIfAbsent(e.key(), e);
            }
        }

        private ListNode list(Location at, int depth) throws IOException {
            checkDepth(at, depth);
            List<YamlNode> items = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                items.add(value(t, depth + 1));
            }
            return new ListNode(at, items);
        }

        private void checkDepth(Location at, int depth) {
            if (depth > limits.maxDepth()) {
                throw fatal(LoadRules.TOO_DEEP, "maps and lists nest deeper than " + limits.maxDepth() + " levels", at,
                        "flatten the structure; entity files need only a few levels");
            }
        }

        private Location here() {
            return location(file, lines, p.currentTokenLocation());
        }

        private Abort fatal(String rule, String message, Location at, String hint) {
            diagnostics.add(Diagnostic.error(rule, message, at, hint));
            return new Abort();
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    /** Jackson's char offset is snakeyaml's mark index, in code points; its line numbers are YAML 1.1's. */
    private static Location location(String file, LineIndex lines, JsonLocation l) {
        if (l == null || l.getLineNr() <= 0 || l.getCharOffset() < 0) return new Location(file, 1, 1);
        return lines.atCodePoint(file, (int) Math.min(Integer.MAX_VALUE, l.getCharOffset()));
    }

    private static Location location(String file, LineIndex lines, Mark mark) {
        return mark == null ? new Location(file, 1, 1) : lines.atCodePoint(file, mark.getIndex());
    }

    private static final String GENERIC_HINT =
            "fix the YAML syntax; an editor with YAML support shows the problem as you type";

    private static Diagnostic syntaxError(JacksonException e, String file, LineIndex lines) {
        MarkedYAMLException marked = null;
        for (Throwable c = e; c != null && marked == null; c = c.getCause()) {
            if (c instanceof MarkedYAMLException m) marked = m;
        }
        if (marked == null) {
            String original = plainWords(oneLine(e.getOriginalMessage()));
            return Diagnostic.error(LoadRules.YAML_SYNTAX, "YAML syntax error: " + original,
                    location(file, lines, e.getLocation()),
                    original.startsWith("an alias") ? "write the key itself; an alias cannot be a key" : GENERIC_HINT);
        }
        Mark problemMark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
        Location at = location(file, lines, problemMark);
        String problem = marked.getProblem() == null ? "invalid YAML" : oneLine(marked.getProblem());
        if (problem.contains("(TAB)") && problemMark != null) {
            // snakeyaml calls every tab it cannot take "indentation", also the one between 'key:' and its value
            return lines.inIndentation(problemMark.getIndex())
                    ? Diagnostic.error(LoadRules.YAML_SYNTAX, "YAML syntax error: this line is indented with a tab",
                            at, "indent with spaces; YAML does not allow tabs for indentation")
                    : Diagnostic.error(LoadRules.YAML_SYNTAX, "YAML syntax error: a tab separates this value from "
                            + "what comes before it", at, "use a space instead of the tab");
        }
        StringBuilder message = new StringBuilder("YAML syntax error: ").append(problem);
        String context = marked.getContext() == null ? null : oneLine(marked.getContext());
        Mark contextMark = marked.getContextMark();
        if (context != null) {
            message.append(" (").append(context);
            Location contextAt = contextMark == null ? null : location(file, lines, contextMark);
            if (contextAt != null && contextAt.line() != at.line()) {
                message.append(" that starts at line ").append(contextAt.line());
            }
            message.append(')');
        }
        return Diagnostic.error(LoadRules.YAML_SYNTAX, message.toString(), at, syntaxHint(problem, context));
    }

    static String syntaxHint(String problem, String context) {
        String p = problem.toLowerCase(Locale.ROOT);
        String c = context == null ? "" : context.toLowerCase(Locale.ROOT);
        if (p.contains("(tab)") || p.contains("\t")) {
            return "indent with spaces; YAML does not allow tabs for indentation";
        }
        if (c.contains("alias") || c.contains("anchor")) {
            return "a value starting with '*' or '&' must be quoted, for example host: \"*\"";
        }
        if (p.contains("mapping values are not allowed")) {
            return "quote a value that contains ': ', or fix the indentation of this line";
        }
        if (p.contains("expected <block end>")) {
            return "check the indentation: the entries of one map or list start in the same column";
        }
        if (p.contains("could not find expected ':'")) {
            return "write 'key: value' with a space after the colon, or quote the text";
        }
        if (c.contains("quoted scalar")) {
            return "close the quoted text with the same quote character";
        }
        if (p.contains("expected ',' or ']'")) {
            return "close the list with ']' or separate its items with ','";
        }
        if (p.contains("expected ',' or '}'")) {
            return "close the map with '}' or separate its entries with ','";
        }
        if (p.contains("cannot start any token")) {
            return "quote a value that starts with a special character such as @, ` or %";
        }
        return GENERIC_HINT;
    }

    /** Parser messages sometimes spread over lines; a diagnostic is one. */
    private static String oneLine(String s) {
        if (s == null) return "unknown problem";
        return s.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static final java.util.regex.Pattern EVENT =
            java.util.regex.Pattern.compile("<?org\\.yaml\\.snakeyaml\\.events\\.(\\w+)Event\\((?:anchor=)?([^,)]*)[^)]*\\)>?");

    /** Jackson names snakeyaml's event classes in some messages; users read what the event stands for. */
    static String plainWords(String message) {
        if (message.startsWith("Expected a field name (Scalar value in YAML), got this instead: ")) {
            java.util.regex.Matcher alias = EVENT.matcher(message);
            if (alias.find() && "Alias".equals(alias.group(1))) {
                return "an alias (*" + alias.group(2) + ") stands where a key is expected";
            }
            message = "expected a key, found " + message.substring(message.indexOf(": ") + 2);
        }
        java.util.regex.Matcher m = EVENT.matcher(message);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String word = switch (m.group(1)) {
                case "Alias" -> "the alias *" + m.group(2);
                case "Scalar" -> "a value";
                case "MappingStart" -> "the start of a map";
                case "MappingEnd" -> "the end of a map";
                case "SequenceStart" -> "the start of a list";
                case "SequenceEnd" -> "the end of a list";
                case "DocumentStart" -> "the start of a document";
                case "DocumentEnd" -> "the end of a document";
                default -> "the end of the file";
            };
            m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(word));
        }
        m.appendTail(sb);
        return sb.toString().replaceAll("\\bcom\\.fasterxml\\.[\\w.$]+|\\borg\\.yaml\\.[\\w.$]+", "the parser");
    }

    private static String firstLine(String s) {
        if (s == null) return "unknown problem";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
