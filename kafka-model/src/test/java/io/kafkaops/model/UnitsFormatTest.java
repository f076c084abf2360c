package io.kafkaops.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Config values written back in the units of the entity file, and read back to the same value. */
class UnitsFormatTest {

    @Test
    void durationsAndSizesGetTheirUnits() {
        assertThat(Units.humanConfigValue("retention.ms", "604800000")).isEqualTo("7d");
        assertThat(Units.humanConfigValue("retention.ms", "1209600000")).isEqualTo("14d");
        assertThat(Units.humanConfigValue("retention.ms", "172800000")).isEqualTo("2d");
        assertThat(Units.humanConfigValue("segment.ms", "3600000")).isEqualTo("1h");
        assertThat(Units.humanConfigValue("min.compaction.lag.ms", "1500")).isEqualTo("1500ms");
        assertThat(Units.humanConfigValue("retention.ms", "-1")).isEqualTo("-1");
        assertThat(Units.humanConfigValue("max.message.bytes", "1048576")).isEqualTo("1MiB");
        assertThat(Units.humanConfigValue("retention.bytes", "10000000")).isEqualTo("10MB");
        assertThat(Units.humanConfigValue("retention.bytes", "1073741824")).isEqualTo("1GiB");
        assertThat(Units.humanConfigValue("max.message.bytes", "1000013")).isEqualTo("1000013");
        assertThat(Units.humanConfigValue("retention.bytes", "-1")).isEqualTo("-1");
        assertThat(Units.humanConfigValue("cleanup.policy", "compact,delete")).isEqualTo("compact,delete");
        assertThat(Units.humanConfigValue("min.insync.replicas", "2")).isEqualTo("2");
        assertThat(Units.humanConfigValue("retention.ms", "7d")).isEqualTo("7d");
    }

    @Test
    void everyFormattedValueNormalisesBackToTheSameNumber() {
        Random random = new Random(7);
        long[] scales = {1, 1000, 60_000, 3_600_000, 86_400_000, 604_800_000, 1024, 1L << 20, 1L << 30, 1_000_000};
        for (int i = 0; i < 5_000; i++) {
            long n = random.nextInt(10_000) * scales[random.nextInt(scales.length)] + (random.nextInt(5) == 0 ? 1 : 0);
            if (random.nextInt(50) == 0) n = -1;
            String value = Long.toString(n);
            for (String key : new String[]{"retention.ms", "retention.bytes"}) {
                String human = Units.humanConfigValue(key, value);
                assertThat(Units.normalizeConfigValue(key, human)).as("%s %s -> %s", key, value, human)
                        .isEqualTo(value);
            }
        }
    }
}
