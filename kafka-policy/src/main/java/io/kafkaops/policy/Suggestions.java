package io.kafkaops.policy;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean ...?" for names people mistype: stages, rules, topics, service accounts, config keys. Uses the
 * optimal-string-alignment distance (a swapped pair of letters counts as one edit), bounded so that a miss against
 * thousands of candidates stays cheap.
 */
public final class Suggestions {

    /** Misses after which a {@link Suggester} stops looking, so a file full of typos cannot make validation slow. */
    public static final int DEFAULT_BUDGET = 200;

    private Suggestions() {
    }

    /** The candidate closest to {@code name} within a distance that still reads as a typo, if any. */
    public static Optional<String> closest(String name, Collection<String> candidates) {
        if (name == null || name.isEmpty()) return Optional.empty();
        int max = maxDistance(name);
        String best = null;
        int bestDistance = max + 1;
        String lower = name.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            if (c == null || c.equals(name)) continue;
            if (Math.abs(c.length() - name.length()) >= bestDistance) continue;
            int d = c.toLowerCase(Locale.ROOT).equals(lower) ? 0 : distance(name, c, bestDistance - 1);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
                if (d == 0) break;
            }
        }
        return Optional.ofNullable(best);
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

    /**
     * Optimal-string-alignment distance, or {@code max + 1} as soon as it is certain to exceed {@code max}.
     */
    public static int distance(String a, String b, int max) {
        int n = a.length();
        int m = b.length();
        if (Math.abs(n - m) > max) return max + 1;
        int[] prev2 = new int[m + 1];
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
        for (int j = 0; j <= m; j++) prev[j] = j;
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            int rowMin = cur[0];
            char ca = a.charAt(i - 1);
            for (int j = 1; j <= m; j++) {
                char cb = b.charAt(j - 1);
                int cost = ca == cb ? 0 : 1;
                int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && ca == b.charAt(j - 2) && a.charAt(i - 2) == cb) {
                    v = Math.min(v, prev2[j - 2] + 1);
                }
                cur[j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > max) return max + 1;
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return Math.min(prev[m], max + 1);
    }

    /** Creates a suggester over a fixed set of names that gives up after {@code budget} lookups. */
    public static Suggester suggester(Collection<String> candidates, int budget) {
        return new Suggester(candidates, budget);
    }

    /**
     * Suggestions against one set of names, at most {@code budget} times: each lookup scans every candidate, so
     * a model with thousands of broken references must not pay for thousands of scans.
     */
    public static final class Suggester {
        private final Collection<String> candidates;
        private int budget;

        private Suggester(Collection<String> candidates, int budget) {
            this.candidates = candidates == null ? List.of() : candidates;
            this.budget = budget;
        }

        public Optional<String> closest(String name) {
            if (budget <= 0) return Optional.empty();
            budget--;
            return Suggestions.closest(name, candidates);
        }
    }
}
