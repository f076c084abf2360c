package io.kafkaops.model.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> KEYS = List.of("name", "partitions", "replicationFactor", "config", "metadata");

    @Test
    void typosCaseAndTranspositionsAreRecognised() {
        assertThat(Suggestions.closest("partitons", KEYS)).contains("partitions");
        assertThat(Suggestions.closest("replicationfactor", KEYS)).contains("replicationFactor");
        assertThat(Suggestions.closest("Name", KEYS)).contains("name");
        assertThat(Suggestions.closest("confg", KEYS)).contains("config");
        assertThat(Suggestions.didYouMean("metdata", KEYS)).isEqualTo("did you mean 'metadata'?");
    }

    @Test
    void unrelatedWordsGetNoSuggestion() {
        assertThat(Suggestions.closest("retention", KEYS)).isEmpty();
        assertThat(Suggestions.closest("x", KEYS)).isEmpty();
        assertThat(Suggestions.didYouMean("owner", List.of())).isNull();
    }

    @Test
    void distanceGivesUpBeyondTheLimit() {
        assertThat(Suggestions.distance("kitten", "sitting", 5)).isEqualTo(3);
        assertThat(Suggestions.distance("kitten", "sitting", 2)).isEqualTo(3);
        assertThat(Suggestions.distance("a", "abcdefgh", 2)).isEqualTo(3);
    }
}
