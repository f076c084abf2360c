package io.kafkaops.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean ...?" for names people mistype: file keys, enum values, stages, clusters, rules, topics, service
 * accounts, config keys; the one algorithm of the model, the policies and the edit goals. Uses the
 * optimal-string-alignment distance (a swapped pair of letters counts as one edit), case-insensitively, within a
 * bound that still reads as a typo.
 *
 * <p>Topic names share long prefixes ({@code billing.invoices.*}), so a {@link Suggester} keeps its candidates
 * sorted and walks them like a trie: the distance rows of a common prefix are computed once, only a band around the
 * diagonal is computed, and every candidate under a prefix that is already too far away is skipped. A miss against
 * ten thousand topics costs well under a millisecond.
 */
public final class Suggestions {

    /** Misses after which a {@link Suggester} stops looking, so a file full of typos cannot make validation slow. */
    public static final int DEFAULT_BUDGET = 100;

    /** Stands for "farther than any bound" in cells outside the band; small enough never to overflow. */
    private static final int FAR = Integer.MAX_VALUE / 4;

    private Suggestions() {
    }

    /** The candidate closest to {@code name} within a distance that still reads as a typo, if any. */
    public static Optional<String> closest(String name, Collection<String> candidates) {
        return new Suggester(candidates, 1).closest(name);
    }

    /** {@code did you mean 'x'?}, or null when nothing is close. */
    public static String didYouMean(String name, Collection<String> candidates) {
        return closest(name, candidates).map(Suggestions::didYouMeanText).orElse(null);
    }

    public static String didYouMeanText(String suggestion) {
        return "did you mean '" + suggestion + "'?";
    }

    /** How far apart two names may be and still read as a typo of each other. */
    static int maxDistance(String name) {
        int n = name.length();
        return n <= 3 ? 1 : n <= 8 ? 2 : 3;
    }

    /** Optimal-string-alignment distance, or {@code max + 1} as soon as it is certain to exceed {@code max}. */
    public static int distance(String a, String b, int max) {
        int n = a.length();
        int m = b.length();
        if (Math.abs(n - m) > max) return max + 1;
        int[][] rows = new int[n + 1][m + 1];
        for (int j = 0; j <= m; j++) rows[0][j] = j;
        for (int i = 1; i <= n; i++) {
            if (row(rows, i, a, b, max) > max) return max + 1;
        }
        return Math.min(rows[n][m], max + 1);
    }

    /**
     * Fills {@code rows[i]}: distances between the first {@code i} characters of {@code a} and every prefix of
     * {@code b}, from rows {@code i-1} and {@code i-2}. Only cells within {@code band} of the diagonal are computed
     * (a path leaving the band costs more than the band); the cells just outside are marked {@link #FAR} so the next
     * row never reads a stale value. Returns the row's minimum: once it reaches the bound, no word starting with
     * those {@code i} characters can come within it.
     */
    private static int row(int[][] rows, int i, String a, String b, int band) {
        int[] prev = rows[i - 1];
        int[] cur = rows[i];
        int[] prev2 = i > 1 ? rows[i - 2] : null;
        int m = b.length();
        int lo = Math.max(1, i - band);
        int hi = Math.min(m, i + band);
        char ca = a.charAt(i - 1);
        char pa = i > 1 ? a.charAt(i - 2) : 0;
        cur[0] = i;
        if (lo > 1) cur[lo - 1] = FAR;
        if (hi < m) cur[hi + 1] = FAR;
        int min = i;
        for (int j = lo; j <= hi; j++) {
            char cb = b.charAt(j - 1);
            int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + (ca == cb ? 0 : 1));
            if (prev2 != null && j > 1 && ca == b.charAt(j - 2) && pa == cb) v = Math.min(v, prev2[j - 2] + 1);
            cur[j] = v;
            if (v < min) min = v;
        }
        return min;
    }

    /** Creates a suggester over a fixed set of names that gives up after {@code budget} lookups. */
    public static Suggester suggester(Collection<String> candidates, int budget) {
        return new Suggester(candidates, budget);
    }

    /** Suggestions against one set of names, at most {@code budget} times. */
    public static final class Suggester {
        private static final int NEIGHBOURS = 4;

        private final Collection<String> candidates;
        /** Lower-cased candidates, sorted, each paired with its original spelling; built at the first lookup. */
        private String[] keys;
        private String[] originals;
        private int longest;
        private int budget;

        /** The candidates are read at the first lookup, so a model without typos never pays for sorting them. */
        private Suggester(Collection<String> candidates, int budget) {
            this.candidates = candidates == null ? List.of() : candidates;
            this.budget = budget;
        }

        private void index() {
            List<String[]> pairs = new ArrayList<>(candidates.size());
            for (String c : candidates) {
                if (c != null && !c.isEmpty()) pairs.add(new String[] {c.toLowerCase(Locale.ROOT), c});
            }
            pairs.sort((x, y) -> {
                int c = x[0].compareTo(y[0]);
                return c != 0 ? c : x[1].compareTo(y[1]);
            });
            keys = new String[pairs.size()];
            originals = new String[pairs.size()];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = pairs.get(i)[0];
                originals[i] = pairs.get(i)[1];
                longest = Math.max(longest, keys[i].length());
            }
        }

        /** The closest candidate other than {@code name} itself, if one is close enough to be a typo of it. */
        public Optional<String> closest(String name) {
            if (name == null || name.isEmpty() || budget <= 0) return Optional.empty();
            budget--;
            if (keys == null) index();
            if (keys.length == 0) return Optional.empty();
            String query = name.toLowerCase(Locale.ROOT);
            int m = query.length();
            int bound = maxDistance(name) + 1;
            String best = null;
            // a typo usually keeps the start of the name, so its sorted neighbours give a tight bound to walk with
            int at = Arrays.binarySearch(keys, query);
            int from = at >= 0 ? at : -at - 1;
            for (int k = Math.max(0, from - NEIGHBOURS); k < Math.min(keys.length, from + NEIGHBOURS); k++) {
                if (originals[k].equals(name)) continue;
                int d = distance(keys[k], query, bound - 1);
                if (d < bound) {
                    best = originals[k];
                    bound = d;
                }
            }
            if (bound == 0) return Optional.of(best);
            int[][] rows = new int[longest + 1][m + 1];
            for (int j = 0; j <= m; j++) rows[0][j] = j;
            String previous = "";
            int valid = 0;
            int i = 0;
            while (i < keys.length) {
                String key = keys[i];
                if (Math.abs(key.length() - m) >= bound) {
                    // too long or short to come within the bound; the rows still belong to the previous key
                    i++;
                    continue;
                }
                int depth = Math.min(commonPrefix(previous, key), valid);
                boolean pruned = false;
                while (depth < key.length()) {
                    depth++;
                    if (row(rows, depth, key, query, bound - 1) >= bound) {
                        pruned = true;
                        break;
                    }
                }
                previous = key;
                valid = depth;
                if (pruned) {
                    // every key starting with this prefix sorts before prefix + '\uffff'
                    int next = Arrays.binarySearch(keys, i + 1, keys.length,
                            key.substring(0, depth) + Character.MAX_VALUE);
                    i = next >= 0 ? next : -next - 1;
                    continue;
                }
                int d = rows[key.length()][m];
                if (d < bound && !originals[i].equals(name)) {
                    best = originals[i];
                    bound = d;
                    if (d == 0) break;
                }
                i++;
            }
            return Optional.ofNullable(best);
        }

        private static int commonPrefix(String a, String b) {
            int n = Math.min(a.length(), b.length());
            int k = 0;
            while (k < n && a.charAt(k) == b.charAt(k)) k++;
            return k;
        }
    }
}
