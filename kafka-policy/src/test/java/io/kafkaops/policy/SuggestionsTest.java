package io.kafkaops.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> STAGES = List.of("dev", "test", "preprod", "prod");

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
    }

    @Test
    void aSuggesterStopsAfterItsBudget() {
        Suggestions.Suggester s = Suggestions.suggester(STAGES, 1);

        assertThat(s.closest("prd")).hasValue("prod");
        assertThat(s.closest("prd")).isEmpty();
    }
}
