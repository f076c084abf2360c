package io.kafkaops.policy.internal.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.storage.internals.log.LogConfig;
import org.junit.jupiter.api.Test;

/** {@link KafkaTopicConfigs} is a copy of Kafka's own topic config definitions, and judges values as Kafka does. */
class KafkaTopicConfigsTest {

    /** In LogConfig, but not topic configs a repository may set (see {@link KafkaTopicConfigs}). */
    private static final List<String> LEFT_OUT = List.of("internal.segment.bytes");

    private static final List<String> SAMPLES = List.of("two", "-3", "-2", "-1", "0", "1", "2", "4", "9", "17",
            "18", "22", "23", "-131072", "-131073", "0.5", "1.5", "1e3", " 7 ", "99999999999", "9223372036854775808",
            "true", "FALSE", "yes", "", "delete", "compact", "compact,delete", "compact, delete", "Delete",
            "delete,bogus", "zstd", "producer", "ZSTD", "CreateTime", "LogAppendTime", "*", "0:101,1:102", "0:1, x",
            "1048575", "1048576", "NaN");

    @Test
    void theTableIsKafkasConfigKeysWithTheirTypesAndValidators() {
        Map<String, String> kafka = new TreeMap<>();
        for (Map.Entry<String, ConfigDef.ConfigKey> e : LogConfig.configKeys().entrySet()) {
            if (LEFT_OUT.contains(e.getKey())) continue;
            ConfigDef.ConfigKey k = e.getValue();
            kafka.put(e.getKey(), k.type.name() + " " + k.validator);
        }
        Map<String, String> ours = new TreeMap<>();
        KafkaTopicConfigs.DEFS.values().forEach(d -> ours.put(d.name(), d.type().name() + " " + d.validator()));

        assertThat(ours).isEqualTo(kafka);
    }

    @Test
    void everySampleValueIsAcceptedOrRefusedExactlyAsKafkaDoes() {
        List<String> differences = new ArrayList<>();
        int refused = 0;
        for (String key : KafkaTopicConfigs.DEFS.keySet()) {
            ConfigDef.ConfigKey k = LogConfig.configKeys().get(key);
            for (String value : SAMPLES) {
                boolean kafkaAccepts;
                try {
                    Object parsed = ConfigDef.parseType(key, value, k.type);
                    if (k.validator != null) k.validator.ensureValid(key, parsed);
                    kafkaAccepts = true;
                } catch (ConfigException e) {
                    kafkaAccepts = false;
                }
                String ours = KafkaTopicConfigs.problem(key, value);
                if (kafkaAccepts != (ours == null)) {
                    differences.add(key + "='" + value + "': Kafka " + (kafkaAccepts ? "accepts" : "refuses")
                            + ", ours says " + ours);
                }
                if (!kafkaAccepts) refused++;
            }
        }
        assertThat(differences).isEmpty();
        assertThat(refused).isGreaterThan(500);
    }
}
