package io.kafkaops.model.load;

import io.kafkaops.model.Location;
import java.util.Arrays;

/**
 * Lines and columns of a text as YAML 1.2 counts them: a line ends at {@code \n}, {@code \r\n} or {@code \r} and
 * nowhere else. snakeyaml's own marks follow YAML 1.1, which also breaks lines at U+0085, U+2028 and U+2029, so a
 * position it reports would be lines off after such a character; positions are therefore taken from the mark's
 * index (code points from the start) and counted here. Columns count code points, 1-based.
 */
final class LineIndex {

    /** Code point index where each line starts. */
    private final int[] lineStarts;
    private final String text;

    LineIndex(String text) {
        this.text = text;
        int[] starts = new int[16];
        int lines = 1;
        int cp = 0;
        for (int i = 0; i < text.length(); cp++) {
            char c = text.charAt(i);
            boolean newLine = c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'));
            i += Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                    ? 2 : 1;
            if (newLine) {
                if (lines == starts.length) starts = Arrays.copyOf(starts, lines * 2);
                starts[lines++] = cp + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, lines);
    }

    /** The location of the code point with index {@code codePointIndex} (clamped to the text). */
    Location atCodePoint(String file, int codePointIndex) {
        int cp = Math.max(0, codePointIndex);
        int line = Arrays.binarySearch(lineStarts, cp);
        if (line < 0) line = -line - 2;
        return new Location(file, line + 1, cp - lineStarts[line] + 1);
    }

    /** The location of the {@code char} at {@code charOffset}. */
    Location atChar(String file, int charOffset) {
        int off = Math.max(0, Math.min(charOffset, text.length()));
        return atCodePoint(file, text.codePointCount(0, off));
    }

    /** Whether only spaces and tabs precede the code point with this index on its line (it is indentation). */
    boolean inIndentation(int codePointIndex) {
        int cp = Math.max(0, codePointIndex);
        int line = Arrays.binarySearch(lineStarts, cp);
        if (line < 0) line = -line - 2;
        int count = text.codePointCount(0, text.length());
        int from = text.offsetByCodePoints(0, Math.min(lineStarts[line], count));
        int to = text.offsetByCodePoints(0, Math.min(cp, count));
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != ' ' && text.charAt(i) != '\t') return false;
        }
        return true;
    }

    /** The number of lines (a final line break does not start another one). */
    int lineCount() {
        return lineStarts.length;
    }

    /** Line and column of a char offset in a text without building an index (one diagnostic per file at most). */
    static Location locate(CharSequence text, int charOffset, String file) {
        int line = 1;
        int column = 1;
        int end = Math.min(charOffset, text.length());
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
                column = 1;
            } else if (!(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)))
                    && c != '\r') {
                column++;
            }
        }
        return new Location(file, line, column);
    }
}
