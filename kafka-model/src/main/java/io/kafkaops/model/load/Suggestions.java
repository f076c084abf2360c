package io.kafkaops.model.load;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?" for keys, enum values, stage and cluster names. */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The option closest to what was written, if it is close enough to be a plausible typo: a case difference, or
     * an edit distance of at most a third of the word (at least 2).
     */
    public static Optional<String> closest(String written, Collection<String> options) {
        if (written == null || options.isEmpty()) return Optional.empty();
        String w = written.toLowerCase(Locale.ROOT);
        int allowed = Math.max(2, written.length() / 3);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String option : options) {
            int d = distance(w, option.toLowerCase(Locale.ROOT), allowed);
            if (d < bestDistance) {
                best = option;
                bestDistance = d;
            }
        }
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** {@code "did you mean 'x'?"}, or null when nothing is close. */
    public static String didYouMean(String written, Collection<String> options) {
        return closest(written, options).map(s -> "did you mean '" + s + "'?").orElse(null);
    }

    /** Levenshtein distance, giving up (returning {@code limit + 1}) once it must exceed {@code limit}. */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) return limit + 1;
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > limit) return limit + 1;
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
