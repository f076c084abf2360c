package io.kafkaops.engine.debug.tools;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records {@code kafka:produce} writes, from a file or the command line. The file holds one record per line,
 * UTF-8; empty lines are skipped; a line is {@code value}, or {@code key<TAB>value}, or
 * {@code key<TAB>value<TAB>headers}, an empty key field meaning no key. Headers are {@code name=value} pairs
 * separated by commas ({@code trace=abc,source=test}), on the command line as in the file.
 */
public final class ProduceInput {

    /**
     * One record to write.
     *
     * @param origin where it came from, for the output: {@code line 3} or {@code command line}
     */
    public record Line(String origin, String key, String value, Map<String, String> headers) {
    }

    private ProduceInput() {
    }

    public static List<Line> fromFile(Path file) throws ToolException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new ToolException("the records file " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new ToolException("cannot read the records file " + file + " (" + e.getClass().getSimpleName()
                    + ")");
        }
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            if (line.isEmpty()) continue;
            String origin = file.getFileName() + ":" + (i + 1);
            String[] fields = line.split("\t", 3);
            out.add(switch (fields.length) {
                case 1 -> new Line(origin, null, fields[0], Map.of());
                case 2 -> new Line(origin, emptyToNull(fields[0]), fields[1], Map.of());
                default -> new Line(origin, emptyToNull(fields[0]), fields[1], headers(fields[2], origin));
            });
        }
        if (out.isEmpty()) throw new ToolException("the records file " + file + " holds no record");
        return out;
    }

    public static Line fromCommandLine(String key, String value, String headers) throws ToolException {
        if (value == null) throw new ToolException("no record to write: give kafka.value or kafka.file");
        return new Line("command line", emptyToNull(key), value, headers == null || headers.isBlank() ? Map.of()
                : headers(headers, "kafka.headers"));
    }

    static Map<String, String> headers(String text, String origin) throws ToolException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (text.isBlank()) return headers;
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new ToolException(origin + ": header '" + pair + "' is not name=value (headers are"
                        + " name=value pairs separated by commas)");
            }
            headers.put(pair.substring(0, eq).strip(), pair.substring(eq + 1));
        }
        return headers;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
