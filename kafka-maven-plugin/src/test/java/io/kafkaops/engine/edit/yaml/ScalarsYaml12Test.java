package io.kafkaops.engine.edit.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 10 item 3: the editing goals write scalars so that the loader (YAML 1.2 core schema) reads back the text. */
class ScalarsYaml12Test {

    @Test
    void typedValuesYaml12WouldReadDifferentlyAreQuoted() {
        assertThat(Scalars.render("0x1F", false, true, '"')).isEqualTo("\"0x1F\"");
        assertThat(Scalars.render("0o17", false, true, '"')).isEqualTo("\"0o17\"");
        assertThat(Scalars.render("010", false, true, '"')).isEqualTo("\"010\"");
        assertThat(Scalars.render("1_000", false, true, '"')).isEqualTo("\"1_000\"");
        assertThat(Scalars.render("yes", false, true, '"')).isEqualTo("\"yes\"");
        assertThat(Scalars.render("True", false, true, '"')).isEqualTo("\"True\"");
        assertThat(Scalars.render("1000", false, true, '"')).isEqualTo("1000");
        assertThat(Scalars.render("true", false, true, '"')).isEqualTo("true");
        assertThat(Scalars.render("1.5", false, true, '"')).isEqualTo("1.5");
        assertThat(Scalars.render("compact", false, true, '"')).isEqualTo("compact");
    }

    @Test
    void plainSafeNeedsYaml11AndYaml12ToAgree() {
        assertThat(Scalars.plainSafe("0o17", false, false)).isFalse();
        assertThat(Scalars.plainSafe("0x1F", false, true)).isFalse();
        assertThat(Scalars.plainSafe("010", false, true)).isFalse();
        assertThat(Scalars.plainSafe("yes", false, true)).isFalse();
        assertThat(Scalars.plainSafe("1_000", false, true)).isFalse();
        assertThat(Scalars.plainSafe("12", false, true)).isTrue();
        assertThat(Scalars.plainSafe("compact", false, true)).isTrue();
    }
}
