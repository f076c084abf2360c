package io.kafkaops.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What one {@code mvn} run did: exit code and combined output (also in {@link #log()}). The assertion methods throw
 * {@link AssertionError} with the end of the output, and return {@code this} for chaining.
 */
public record MavenResult(List<String> args, int exitCode, String output, Path log, Duration duration) {

    private static final int TAIL_LINES = 80;

    public MavenResult {
        args = List.copyOf(args);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    public List<String> lines() {
        return output.lines().toList();
    }

    /** The lines containing the text, in order. */
    public List<String> linesContaining(String text) {
        return output.lines().filter(line -> line.contains(text)).toList();
    }

    public MavenResult assertSucceeded() {
        if (exitCode != 0) {
            throw failure("expected success but the exit code was " + exitCode);
        }
        return this;
    }

    public MavenResult assertFailed() {
        if (exitCode == 0) {
            throw failure("expected a failure but the build succeeded");
        }
        return this;
    }

    /** Some line contains the text. */
    public MavenResult assertLine(String text) {
        if (linesContaining(text).isEmpty()) {
            throw failure("no line contains \"" + text + "\"");
        }
        return this;
    }

    /** Some line matches the regular expression (anywhere in the line, as {@link java.util.regex.Matcher#find}). */
    public MavenResult assertLineMatching(String regex) {
        Pattern pattern = Pattern.compile(regex);
        if (output.lines().noneMatch(line -> pattern.matcher(line).find())) {
            throw failure("no line matches /" + regex + "/");
        }
        return this;
    }

    /** No line contains the text; use it to prove a secret was not printed. */
    public MavenResult assertNoLine(String text) {
        List<String> found = linesContaining(text);
        if (!found.isEmpty()) {
            // the offending line is not quoted: the text may be a secret
            throw new AssertionError(describe() + ": " + found.size() + " line(s) contain the forbidden text; see "
                    + log);
        }
        return this;
    }

    /** The lines appear in this order, each containing its text (other lines may come between). */
    public MavenResult assertLinesInOrder(String... texts) {
        List<String> all = lines();
        int from = 0;
        for (String text : texts) {
            int found = -1;
            for (int i = from; i < all.size(); i++) {
                if (all.get(i).contains(text)) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                throw failure("no line containing \"" + text + "\" after line " + from);
            }
            from = found + 1;
        }
        return this;
    }

    private AssertionError failure(String what) {
        List<String> all = lines();
        List<String> tail = all.subList(Math.max(0, all.size() - TAIL_LINES), all.size());
        return new AssertionError(describe() + ": " + what + "\n--- last " + tail.size() + " lines of " + log
                + " ---\n" + String.join("\n", tail));
    }

    private String describe() {
        return "mvn " + String.join(" ", args) + " (exit " + exitCode + ", " + duration.toMillis() + " ms)";
    }

    @Override
    public String toString() {
        return describe();
    }
}
