package io.kafkaops.model;

/** Counts in messages: {@code 1 partition}, {@code 3 partitions}, {@code 0 errors}. One place for the rule. */
public final class Plural {

    private Plural() {
    }

    /** The count and the noun, with an {@code s} unless the count is one: {@code of(1, "file")} is {@code 1 file}. */
    public static String of(long count, String singular) {
        return count + " " + (count == 1 ? singular : singular + "s");
    }
}
