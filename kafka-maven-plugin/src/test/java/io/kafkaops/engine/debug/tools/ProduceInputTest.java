package io.kafkaops.engine.debug.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProduceInputTest {

    @TempDir
    Path dir;

    @Test
    void aFileLineIsValueOrKeyAndValueOrKeyValueAndHeaders() throws Exception {
        Path file = dir.resolve("records.txt");
        Files.writeString(file, "just a value\r\n\nk1\tv1\n\tno key\nk2\tv2 with = and ,\ttrace=abc,source=test\n");
        List<ProduceInput.Line> lines = ProduceInput.fromFile(file);
        assertThat(lines).containsExactly(
                new ProduceInput.Line("records.txt:1", null, "just a value", Map.of()),
                new ProduceInput.Line("records.txt:3", "k1", "v1", Map.of()),
                new ProduceInput.Line("records.txt:4", null, "no key", Map.of()),
                new ProduceInput.Line("records.txt:5", "k2", "v2 with = and ,",
                        Map.of("trace", "abc", "source", "test")));
    }

    @Test
    void badHeadersAndEmptyFilesAreRefusedWithWhere() throws Exception {
        Path file = dir.resolve("bad.txt");
        Files.writeString(file, "k\tv\tnoequals\n");
        assertThatThrownBy(() -> ProduceInput.fromFile(file)).isInstanceOf(ToolException.class)
                .hasMessage("bad.txt:1: header 'noequals' is not name=value (headers are name=value pairs separated"
                        + " by commas)");
        Files.writeString(file, "\n\n");
        assertThatThrownBy(() -> ProduceInput.fromFile(file)).hasMessageContaining("holds no record");
        assertThatThrownBy(() -> ProduceInput.fromFile(dir.resolve("missing.txt")))
                .hasMessageContaining("cannot read the records file");
    }

    @Test
    void theCommandLineGivesOneRecord() throws Exception {
        assertThat(ProduceInput.fromCommandLine("k", "v", "a=1,b=2"))
                .isEqualTo(new ProduceInput.Line("command line", "k", "v", Map.of("a", "1", "b", "2")));
        assertThat(ProduceInput.fromCommandLine(null, "v", null).key()).isNull();
        assertThatThrownBy(() -> ProduceInput.fromCommandLine("k", null, null))
                .hasMessage("no record to write: give kafka.value or kafka.file");
    }
}
