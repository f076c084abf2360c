package io.kafkaops.engine.edit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code git diff}-style output of a change to a file (Myers' shortest edit script, three lines of context), so a
 * dry run shows exactly the lines a real run would change.
 */
final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    private enum Op { EQUAL, DELETE, INSERT }

    private record Edit(Op op, int a, int b) {
    }

    /**
     * @param before the old text, or null for a new file
     */
    static String diff(String name, String before, String after) {
        List<String> a = before == null ? List.of() : lines(before);
        List<String> b = lines(after);
        List<Edit> script = script(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(before == null ? "/dev/null" : "a/" + name).append('\n');
        out.append("+++ b/").append(name).append('\n');
        int i = 0;
        while (i < script.size()) {
            while (i < script.size() && script.get(i).op() == Op.EQUAL) i++;
            if (i >= script.size()) break;
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // extend the hunk while changes are closer than twice the context
            int lastChange = i;
            while (end < script.size()) {
                if (script.get(end).op() != Op.EQUAL) lastChange = end;
                else if (end - lastChange > 2 * CONTEXT) break;
                end++;
            }
            end = Math.min(script.size(), lastChange + CONTEXT + 1);
            int aStart = -1;
            int bStart = -1;
            int aCount = 0;
            int bCount = 0;
            StringBuilder body = new StringBuilder();
            for (int k = start; k < end; k++) {
                Edit e = script.get(k);
                if (aStart < 0 && e.op() != Op.INSERT) aStart = e.a();
                if (bStart < 0 && e.op() != Op.DELETE) bStart = e.b();
                switch (e.op()) {
                    case EQUAL -> {
                        body.append(' ').append(show(a.get(e.a()))).append('\n');
                        aCount++;
                        bCount++;
                    }
                    case DELETE -> {
                        body.append('-').append(show(a.get(e.a()))).append('\n');
                        aCount++;
                    }
                    case INSERT -> {
                        body.append('+').append(show(b.get(e.b()))).append('\n');
                        bCount++;
                    }
                }
                if (e.op() != Op.INSERT && e.a() == a.size() - 1 && before != null && !endsWithNewline(before)) {
                    body.append("\\ No newline at end of file\n");
                } else if (e.op() == Op.INSERT && e.b() == b.size() - 1 && !endsWithNewline(after)) {
                    body.append("\\ No newline at end of file\n");
                }
            }
            out.append("@@ -").append(range(aStart, aCount, firstA(script, start))).append(" +")
                    .append(range(bStart, bCount, firstB(script, start))).append(" @@\n").append(body);
            i = end;
        }
        return out.toString();
    }

    private static int firstA(List<Edit> script, int from) {
        for (int k = from; k < script.size(); k++) if (script.get(k).op() != Op.INSERT) return script.get(k).a();
        return script.isEmpty() ? 0 : script.get(script.size() - 1).a();
    }

    private static int firstB(List<Edit> script, int from) {
        for (int k = from; k < script.size(); k++) if (script.get(k).op() != Op.DELETE) return script.get(k).b();
        return script.isEmpty() ? 0 : script.get(script.size() - 1).b();
    }

    /** {@code start,count} 1-based; an empty range names the line before it, as diff does. */
    private static String range(int start, int count, int fallback) {
        int s = start >= 0 ? start : fallback;
        if (count == 0) return s + ",0";
        return (s + 1) + (count == 1 ? "" : "," + count);
    }

    private static boolean endsWithNewline(String s) {
        return s.isEmpty() || s.endsWith("\n");
    }

    /** Lines with their terminators, so a changed line ending counts as a change. */
    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) out.add(text.substring(start));
        return out;
    }

    private static String show(String line) {
        String s = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** Myers' O((N+M)D) algorithm, keeping each round's frontier to walk back the path. */
    private static List<Edit> script(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int max = n + m;
        int offset = max + 1;
        int[] v = new int[2 * max + 3];
        List<int[]> trace = new ArrayList<>();
        int found = -1;
        for (int d = 0; d <= max && found < 0; d++) {
            trace.add(Arrays.copyOf(v, v.length));
            for (int k = -d; k <= d; k += 2) {
                int x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1]
                        : v[offset + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m) {
                    found = d;
                    break;
                }
            }
        }
        List<Edit> reversed = new ArrayList<>();
        int x = n;
        int y = m;
        for (int d = found; d >= 0; d--) {
            int[] vd = trace.get(d);
            int k = x - y;
            int prevK = (k == -d || (k != d && vd[offset + k - 1] < vd[offset + k + 1])) ? k + 1 : k - 1;
            int prevX = d == 0 ? 0 : vd[offset + prevK];
            int prevY = prevX - prevK;
            while (x > prevX && y > prevY) {
                reversed.add(new Edit(Op.EQUAL, x - 1, y - 1));
                x--;
                y--;
            }
            if (d > 0) {
                if (x == prevX) reversed.add(new Edit(Op.INSERT, x, y - 1));
                else reversed.add(new Edit(Op.DELETE, x - 1, y));
            }
            x = prevX;
            y = prevY;
        }
        List<Edit> out = new ArrayList<>(reversed.size());
        for (int i = reversed.size() - 1; i >= 0; i--) out.add(reversed.get(i));
        return out;
    }
}
