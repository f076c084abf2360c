package io.kafkaops.policy.internal.builtin;

import io.kafkaops.model.Units;
import java.util.Collection;
import java.util.List;

/** Wording shared by the built-in policies, so messages read alike. */
final class Texts {

    private Texts() {
    }

    static String quoted(String s) {
        return "'" + s + "'";
    }

    static String join(Collection<String> items) {
        return String.join(", ", items);
    }

    static String or(Collection<String> items) {
        List<String> list = List.copyOf(items);
        if (list.size() <= 1) return String.join("", list);
        return String.join(", ", list.subList(0, list.size() - 1)) + " or " + list.get(list.size() - 1);
    }

    static String stages(Collection<String> stages) {
        return (stages.size() == 1 ? "stage " : "stages ") + join(stages);
    }

    static String plural(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    /** A size in the largest binary unit it is a whole multiple of: {@code 1048576} becomes {@code 1MiB}. */
    static String bytes(long n) {
        if (n <= 0) return Long.toString(n);
        String[] units = {"TiB", "GiB", "MiB", "KiB"};
        int[] shifts = {40, 30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            long f = 1L << shifts[i];
            if (n >= f && n % f == 0) return (n / f) + units[i];
        }
        return n + "B";
    }

    static String duration(long ms) {
        return Units.formatDurationMs(ms);
    }
}
