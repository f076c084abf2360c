package io.kafkaops.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> STAGES = List.of("dev", "test", "preprod", "prod");
    private static final List<String> KEYS = List.of("name", "partitions", "replicationFactor", "config", "metadata");

    @Test
    void keyTyposCaseAndTranspositionsAreRecognised() {
        assertThat(Suggestions.closest("partitons", KEYS)).contains("partitions");
        assertThat(Suggestions.closest("replicationfactor", KEYS)).contains("replicationFactor");
        assertThat(Suggestions.closest("Name", KEYS)).contains("name");
        assertThat(Suggestions.closest("confg", KEYS)).contains("config");
        assertThat(Suggestions.didYouMean("metdata", KEYS)).isEqualTo("did you mean 'metadata'?");
    }

    @Test
    void unrelatedKeysGetNoSuggestion() {
        assertThat(Suggestions.closest("retention", KEYS)).isEmpty();
        assertThat(Suggestions.closest("x", KEYS)).isEmpty();
        assertThat(Suggestions.didYouMean("owner", List.of())).isNull();
    }

    @Test
    void typosSwapsAndCaseFindTheIntendedName() {
        assertThat(Suggestions.closest("prd", STAGES)).hasValue("prod");
        assertThat(Suggestions.closest("tset", STAGES)).hasValue("test");
        assertThat(Suggestions.closest("Prod", STAGES)).hasValue("prod");
        assertThat(Suggestions.closest("retention.msx", List.of("retention.ms", "retention.bytes")))
                .hasValue("retention.ms");
    }

    @Test
    void namesFarFromEveryCandidateGetNoSuggestion() {
        assertThat(Suggestions.closest("staging", STAGES)).isEmpty();
        assertThat(Suggestions.didYouMean("x", STAGES)).isNull();
        assertThat(Suggestions.closest("", STAGES)).isEmpty();
    }

    @Test
    void distanceIsBoundedAndCountsASwapAsOneEdit() {
        assertThat(Suggestions.distance("abcd", "abdc", 3)).isEqualTo(1);
        assertThat(Suggestions.distance("kitten", "sitting", 5)).isEqualTo(3);
        assertThat(Suggestions.distance("kitten", "sitting", 1)).isEqualTo(2);
        assertThat(Suggestions.distance("a", "abcdef", 2)).isEqualTo(3);
        assertThat(Suggestions.distance("kitten", "sitting", 2)).isEqualTo(3);
    }

    @Test
    void theSortedWalkFindsAsCloseANameAsComparingWithEveryCandidate() {
        Random random = new Random(42);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 3000; i++) names.add(randomName(random));
        Suggestions.Suggester suggester = Suggestions.suggester(names, Integer.MAX_VALUE);
        for (int q = 0; q < 500; q++) {
            String query = q % 2 == 0 ? mutate(names.get(random.nextInt(names.size())), random) : randomName(random);
            int bound = Suggestions.maxDistance(query);
            int bruteForce = bound + 1;
            for (String n : names) {
                if (!n.equals(query)) bruteForce = Math.min(bruteForce, Suggestions.distance(n, query, bound));
            }
            Optional<String> found = suggester.closest(query);
            if (bruteForce > bound) {
                assertThat(found).as(query).isEmpty();
            } else {
                assertThat(found).as(query).isPresent();
                assertThat(Suggestions.distance(found.get(), query, bound)).as(query).isEqualTo(bruteForce);
            }
        }
    }

    private static String randomName(Random random) {
        StringBuilder sb = new StringBuilder("t.");
        int n = 3 + random.nextInt(10);
        for (int i = 0; i < n; i++) sb.append("abcde.-".charAt(random.nextInt(7)));
        return sb.toString();
    }

    private static String mutate(String s, Random random) {
        StringBuilder sb = new StringBuilder(s);
        for (int k = 1 + random.nextInt(3); k > 0 && sb.length() > 1; k--) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(4)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, 'x');
                case 2 -> sb.setCharAt(at, 'y');
                default -> {
                    if (at + 1 < sb.length()) {
                        char c = sb.charAt(at);
                        sb.setCharAt(at, sb.charAt(at + 1));
                        sb.setCharAt(at + 1, c);
                    }
                }
            }
        }
        return sb.toString();
    }

    @Test
    void aSuggesterStopsAfterItsBudget() {
        Suggestions.Suggester s = Suggestions.suggester(STAGES, 1);

        assertThat(s.closest("prd")).hasValue("prod");
        assertThat(s.closest("prd")).isEmpty();
    }
}
