package io.kafkaops.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PluralTest {

    @Test
    void singularOnlyForOne() {
        assertThat(Plural.of(1, "partition")).isEqualTo("1 partition");
        assertThat(Plural.of(0, "error")).isEqualTo("0 errors");
        assertThat(Plural.of(2, "service account")).isEqualTo("2 service accounts");
        assertThat(Plural.of(1, "ACL")).isEqualTo("1 ACL");
    }
}
