package io.kafkaops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void ratesAreSizesPerSecond() {
        assertThat(Units.parseBytesPerSecond("50MiB/s")).isEqualTo(50L << 20);
        assertThat(Units.parseBytesPerSecond(" 10 MB/S ")).isEqualTo(10_000_000L);
        assertThat(Units.parseBytesPerSecond("1.5KiB")).isEqualTo(1536L);
        assertThat(Units.parseBytesPerSecond("4096")).isEqualTo(4096L);
        assertThatThrownBy(() -> Units.parseBytesPerSecond("0")).hasMessageContaining("not a positive rate");
        assertThatThrownBy(() -> Units.parseBytesPerSecond("-1")).hasMessageContaining("not a positive rate");
        assertThatThrownBy(() -> Units.parseBytesPerSecond("5 furlongs/s")).hasMessageContaining("unknown unit");
        assertThatThrownBy(() -> Units.parseBytesPerSecond("fast")).hasMessageContaining("is not a rate");
    }

    @Test
    void byteCountsReadLikePeopleWriteThem() {
        assertThat(Units.approximateBytes(512)).isEqualTo("512 B");
        assertThat(Units.approximateBytes(1024)).isEqualTo("1 KiB");
        assertThat(Units.approximateBytes(1258291)).isEqualTo("1.2 MiB");
        assertThat(Units.approximateBytes(50L << 20)).isEqualTo("50 MiB");
        assertThat(Units.approximateBytes(300L << 30)).isEqualTo("300 GiB");
    }
}
