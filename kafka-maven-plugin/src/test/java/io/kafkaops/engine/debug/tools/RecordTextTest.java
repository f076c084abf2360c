package io.kafkaops.engine.debug.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RecordTextTest {

    private static ConsumerRecord<byte[], byte[]> record(byte[] key, byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>("t", 2, 17, 1_764_842_130_120L, TimestampType.CREATE_TIME, -1, -1, key, value,
                headers, Optional.empty());
    }

    @Test
    void aTextRecordIsOneLineWithEveryField() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", "abc".getBytes(StandardCharsets.UTF_8));
        headers.add("bin", new byte[] {(byte) 0xff, 0x00});
        String line = RecordText.line(record("k1".getBytes(StandardCharsets.UTF_8),
                "{\"a\":1}\nsecond line\tü".getBytes(StandardCharsets.UTF_8), headers), 0);
        assertThat(line).isEqualTo("partition=2 offset=17 timestamp=2025-12-04T09:55:30.120Z key=k1 headers=[trace=abc,"
                + " bin=(binary, 2 bytes) hex:ff00] value={\"a\":1}\\nsecond line\\tü");
    }

    @Test
    void binaryIsMarkedHexAndNullIsSaid() {
        assertThat(RecordText.line(record(null, new byte[] {(byte) 0xc3, 0x28}, new RecordHeaders()), 0))
                .endsWith("key=(null) headers=[] value=(binary, 2 bytes) hex:c328");
        assertThat(RecordText.field(null, 0)).isEqualTo("(null)");
    }

    @Test
    void aWidthCutsLongFieldsAndSaysHowMuchIsLeftOut() {
        assertThat(RecordText.field("abcdefghij".getBytes(StandardCharsets.UTF_8), 4)).isEqualTo("abcd...(+6 chars)");
        assertThat(RecordText.field("abcd".getBytes(StandardCharsets.UTF_8), 4)).isEqualTo("abcd");
        assertThat(RecordText.escape("a\u0001b\\")).isEqualTo("a\\u0001b\\\\");
    }
}
