package io.kafkaops.engine.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mutates a valid entity file or platform definition the way a careless or hostile author would: byte flips,
 * truncation, type confusion, huge and unicode values, anchors/aliases/merge keys, tags, deep nesting, duplicate keys,
 * several documents, CRLF and lone CR, byte order marks, tabs, NUL, line separators. Everything is drawn from the
 * {@link Random} given, so a seed reproduces a case exactly.
 */
final class InputMutator {

    /** One mutated input and the names of the mutations that made it. */
    record Mutant(byte[] bytes, List<String> steps) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    // greedy values (trailing blanks trimmed in code): a lazy value before "\\s*$" is quadratic on a huge line
    private static final Pattern KEY_VALUE = Pattern.compile("(?m)^([ ]*(?:- )?)([A-Za-z.]+):[ ]+([^\\n#]*)");
    private static final Pattern NAME_LIKE = Pattern.compile(
            "(?m)^([ ]*(?:- )?(?:name|prefix|serviceAccount|principal|resourceName):[ ]+)([^\\n#]*)");
    private static final Pattern PREFIX = Pattern.compile("(?m)^([ ]*prefix:[ ]+)([^\\n#]*)");
    private static final Pattern NUMBER = Pattern.compile("(:[ ]+)(\\d+)");

    private static final String[] CONFUSED = {"[]", "{}", "1.5", "-1", "0", "99999999999", "true", "false", "null", "~",
            "\"12\"", "'6'", "010", "0x1F", "1_0", "0b110", "0o17", ".inf", "-.inf", ".nan", "yes", "no", "on", "off",
            "\"\"", "[a, b]", "{a: 1}", "- x", "1e400", "-0", "12:30", "2026-12-04", "=", "<<", "!", "?", "|\n  block",
            ">-\n  folded", "\"a\\nb\"", "@x", "`x`", "%x", "&", "*", "99999999999999999999999"};
    private static final String[] UNICODE = {"\u2028", "\u2029", "\u0085", "\u202E", "\u200F", "\u2066", "\uFEFF",
            "\uD83D\uDE9A", "e\u0301", "\uFF21", "\u00e9", "\u0627\u0644", "\u200B", "\uFFFD", "\u00A0", "\u3000"};
    private static final String[] ESCAPES = {"\\n", "\\r", "\\t", "\\0", "\\a", "\\e", "\\x1b", "\\u202E", "\\u2028",
            "\\N", "\\L", "\\P", "\\_", "\\uD800", "\\U0001F69A", "\\b", "\\v", "\\f"};
    private static final String[] TAGS = {"!!str ", "!!int ", "!!float ", "!!bool ", "!!null ", "!foo ", "!!binary ",
            "!!python/object:os.system ", "! ", "!<tag:yaml.org,2002:str> ", "!!map ", "!!seq ", "!!timestamp ",
            "!!set ", "!!omap "};
    private static final String[] WEIRD_NAMES = {"bad name", "a/b", "a:b", "\"bad \"", "\u00fcml\u00e4ut", "a\\u0000",
            "\"a\\e[31mred\"", "\"x\\ny\"", "'  '", "-", ".", "..", "\"\"", "a*", "a?", "\"\\u202Eevil\"", "A.B",
            "name with\ttab", "\"trailing \"", "%s", "${x}", "'quote''s'", "\"\\U0001F69A\"", "a,b", "[x]", "{x}"};

    private final Random random;

    InputMutator(Random random) {
        this.random = random;
    }

    Mutant mutate(String seed) {
        List<String> steps = new ArrayList<>();
        String text = seed;
        if (random.nextInt(6) == 0) {
            // names alone, so the rest of the file stays valid and only the name checks stand between it and a broker
            text = random.nextBoolean() ? textLevel(18, text, steps) : step(steps, "longerName", longerName(text));
            return new Mutant(text.getBytes(StandardCharsets.UTF_8), List.copyOf(steps));
        }
        int count = 1 + random.nextInt(3);
        byte[] bytes = null;
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(22);
            if (kind >= 19) {
                // byte-level mutations come last: the text is no longer guaranteed UTF-8
                if (bytes == null) bytes = text.getBytes(StandardCharsets.UTF_8);
                bytes = byteLevel(kind, bytes, steps);
            } else if (bytes == null) {
                text = textLevel(kind, text, steps);
            }
        }
        if (bytes == null) bytes = text.getBytes(StandardCharsets.UTF_8);
        return new Mutant(bytes, List.copyOf(steps));
    }

    private String textLevel(int kind, String text, List<String> steps) {
        return switch (kind) {
            case 0 -> step(steps, "typeConfusion", replaceValue(text, KEY_VALUE, pick(CONFUSED)));
            case 1 -> step(steps, "hugeValue", replaceValue(text, KEY_VALUE, huge()));
            case 2 -> step(steps, "unicodeValue", replaceValue(text, KEY_VALUE, unicodeValue()));
            case 3 -> step(steps, "anchorsAliases", anchors(text));
            case 4 -> step(steps, "tag", replaceValue(text, KEY_VALUE, pick(TAGS) + valueOf(text)));
            case 5 -> step(steps, "deepNesting", replaceValue(text, KEY_VALUE, deep()));
            case 6 -> step(steps, "duplicateLine", duplicateLine(text));
            case 7 -> step(steps, "documents", documents(text));
            case 8 -> step(steps, "lineEndings", random.nextBoolean() ? text.replace("\n", "\r\n") : text.replace("\n", "\r"));
            case 9 -> step(steps, "bomInText", insertAt(text, random.nextInt(4) == 0 ? 0 : randomLineStart(text), "\uFEFF"));
            case 10 -> step(steps, "tabs", tabs(text));
            case 11 -> step(steps, "escapedControl", replaceValue(text, KEY_VALUE, "\"x" + pick(ESCAPES) + "y\""));
            case 12 -> step(steps, "weirdName", random.nextInt(3) == 0 ? longerName(text) : replaceValue(text, NAME_LIKE,
                    weirdName()));
            case 13 -> step(steps, "forgedKey", insertAt(text, randomLineStart(text), indentOfRandomLine(text)
                    + "\"k\\nsrc/main/kafka/topics.yaml:1:1: INFO [ok] all good\\u001b[0m\": 1\n"));
            case 14 -> step(steps, "numbers", replaceValue(text, NUMBER, pick(new String[] {"010", "0x1F", "1_0", "0b110",
                    "0o17", ".inf", ".nan", "-0", "1e400", "99999999999999999999", "+5", "0", "-1", "40000", "3.0"})));
            case 15 -> step(steps, "rawLineSeparator", insertAt(text, random.nextInt(text.length() + 1),
                    pick(new String[] {"\u2028", "\u2029", "\u0085"})));
            case 16 -> step(steps, "rawControl", insertAt(text, random.nextInt(text.length() + 1),
                    pick(new String[] {"\u0007", "\u001b", "\u0000", "\u007f", "\u009b", "\uFFFE", "\t"})));
            case 17 -> step(steps, "indentation", indentation(text));
            default -> step(steps, "weirdPrefix", replaceValue(text, PREFIX, pick(new String[] {"\"bad \"", "\"a/b.\"",
                    "\"" + "x".repeat(250) + ".\"", "\"\u00e4.\"", "\"\\e.\"", "\"\\n.\"", "\"dev.\"", "\"\""})));
        };
    }

    private byte[] byteLevel(int kind, byte[] bytes, List<String> steps) {
        switch (kind) {
            case 19 -> {
                steps.add("byteFlips");
                byte[] out = bytes.clone();
                for (int n = 1 + random.nextInt(5); n > 0 && out.length > 0; n--) {
                    out[random.nextInt(out.length)] ^= (byte) (1 + random.nextInt(255));
                }
                return out;
            }
            case 20 -> {
                steps.add("truncate");
                return Arrays.copyOf(bytes, bytes.length == 0 ? 0 : random.nextInt(bytes.length));
            }
            default -> {
                int choice = random.nextInt(4);
                steps.add(switch (choice) {
                    case 0 -> "bomBytes";
                    case 1 -> "nulByte";
                    case 2 -> "utf16";
                    default -> "latin1";
                });
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                switch (choice) {
                    case 0 -> {
                        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                        out.writeBytes(bytes);
                    }
                    case 1 -> {
                        int at = random.nextInt(bytes.length + 1);
                        out.write(bytes, 0, at);
                        out.write(0);
                        out.write(bytes, at, bytes.length - at);
                    }
                    case 2 -> out.writeBytes(new String(bytes, StandardCharsets.UTF_8).getBytes(
                            random.nextBoolean() ? StandardCharsets.UTF_16 : StandardCharsets.UTF_16LE));
                    default -> out.writeBytes(new String(bytes, StandardCharsets.UTF_8).replace("e", "\u00e9")
                            .getBytes(StandardCharsets.ISO_8859_1));
                }
                return out.toByteArray();
            }
        }
    }

    private static String step(List<String> steps, String name, String result) {
        steps.add(name);
        return result;
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    private String replaceValue(String text, Pattern pattern, String value) {
        Matcher m = pattern.matcher(text);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            int end = m.end(m.groupCount());
            while (end > m.start(m.groupCount()) && Character.isWhitespace(text.charAt(end - 1))) end--;
            spans.add(new int[] {m.start(m.groupCount()), end});
        }
        if (spans.isEmpty()) return text + "\nx: " + value + "\n";
        int[] span = spans.get(random.nextInt(spans.size()));
        return text.substring(0, span[0]) + value + text.substring(span[1]);
    }

    private String valueOf(String text) {
        Matcher m = KEY_VALUE.matcher(text);
        return m.find() ? m.group(3).strip() : "x";
    }

    private String huge() {
        int length = random.nextBoolean() ? 1_000 + random.nextInt(9_000) : 60_000 + random.nextInt(20_000);
        String unit = pick(new String[] {"a", "\u00e9", "\uD83D\uDE9A", " ", "ab.", "9"});
        String body = unit.repeat(Math.max(1, length / unit.length()));
        return switch (random.nextInt(3)) {
            case 0 -> body;
            case 1 -> "\"" + body + "\"";
            default -> "|\n" + "      " + body;
        };
    }

    private String unicodeValue() {
        StringBuilder sb = new StringBuilder();
        for (int n = 1 + random.nextInt(4); n > 0; n--) sb.append(pick(UNICODE)).append((char) ('a' + random.nextInt(26)));
        return random.nextBoolean() ? "\"" + sb + "\"" : sb.toString();
    }

    private String deep() {
        int depth = 20 + random.nextInt(400);
        if (random.nextBoolean()) return "[".repeat(depth) + "]".repeat(depth);
        return "{a: ".repeat(depth) + "1" + "}".repeat(depth);
    }

    private String anchors(String text) {
        return switch (random.nextInt(7)) {
            case 0 -> replaceValue(text, KEY_VALUE, "&a " + valueOf(text)) + "\nother: *a\n";
            case 1 -> replaceValue(text, KEY_VALUE, "*nope");
            case 2 -> "defaults: &d {partitions: 3, replicationFactor: 1}\n" + insertAt(text, randomLineStart(text),
                    indentOfRandomLine(text) + "<<: *d\n");
            case 3 -> "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                    + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                    + "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                    + "g: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n" + text;
            case 4 -> replaceValue(text, KEY_VALUE, "&k v") + "\n*k : x\n";
            case 5 -> text.replaceFirst("(?m)^(\\s*)- name:", "$1- &t\n$1  name:") + "\n" + "topics:\n  - *t\n";
            default -> insertAt(text, randomLineStart(text), indentOfRandomLine(text) + "<<: [*x, {a: 1}]\n");
        };
    }

    private String duplicateLine(String text) {
        String[] lines = text.split("\n", -1);
        int i = random.nextInt(lines.length);
        List<String> out = new ArrayList<>(Arrays.asList(lines));
        out.add(i, lines[i]);
        return String.join("\n", out);
    }

    private String documents(String text) {
        return switch (random.nextInt(4)) {
            case 0 -> insertAt(text, randomLineStart(text), "---\n");
            case 1 -> text + "\n---\n" + text;
            case 2 -> text + "\n...\n";
            default -> "%YAML 1.1\n---\n" + text;
        };
    }

    private String tabs(String text) {
        if (random.nextBoolean()) return text.replaceFirst(": ", ":\t");
        String[] lines = text.split("\n", -1);
        int i = random.nextInt(lines.length);
        lines[i] = lines[i].replaceFirst("^  ", "\t");
        return String.join("\n", lines);
    }

    private String indentation(String text) {
        String[] lines = text.split("\n", -1);
        int i = random.nextInt(lines.length);
        lines[i] = random.nextBoolean() ? " " + lines[i] : lines[i].replaceFirst("^ ", "");
        return String.join("\n", lines);
    }

    /** A name made 230 to 250 characters longer: valid alone, too long for Kafka with a stage prefix. */
    private String longerName(String text) {
        Matcher m = NAME_LIKE.matcher(text);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            int end = m.end(2);
            while (end > m.start(2) && Character.isWhitespace(text.charAt(end - 1))) end--;
            spans.add(new int[] {m.start(2), end});
        }
        if (spans.isEmpty()) return text;
        int[] span = spans.get(random.nextInt(spans.size()));
        String value = text.substring(span[0], span[1]);
        int grow = Math.max(1, 230 + random.nextInt(20) - value.length());
        return text.substring(0, span[0]) + value + "x".repeat(grow) + text.substring(span[1]);
    }

    private String weirdName() {
        return random.nextInt(5) == 0 ? "x".repeat(240 + random.nextInt(20)) : pick(WEIRD_NAMES);
    }

    private int randomLineStart(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n' && i + 1 < text.length()) starts.add(i + 1);
        return starts.get(random.nextInt(starts.size()));
    }

    private String indentOfRandomLine(String text) {
        String[] lines = text.split("\n");
        String line = lines[random.nextInt(lines.length)];
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') n++;
        return " ".repeat(n);
    }

    private static String insertAt(String text, int at, String what) {
        return text.substring(0, at) + what + text.substring(at);
    }
}
