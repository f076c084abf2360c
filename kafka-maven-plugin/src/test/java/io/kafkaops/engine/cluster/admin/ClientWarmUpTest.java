package io.kafkaops.engine.cluster.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The warm-up names classes that exist in the Kafka client and Jackson the plugin ships with, and it ends. */
class ClientWarmUpTest {

    @Test
    void everyClassItPreparesExists() {
        ClassLoader loader = ClientWarmUp.class.getClassLoader();
        for (String name : ClientWarmUp.CLASSES) {
            assertThatCode(() -> Class.forName(name, false, loader)).as(name).doesNotThrowAnyException();
        }
    }

    @Test
    void startedTwiceItEnds() {
        ClientWarmUp.start();
        ClientWarmUp.start();
        long begin = System.nanoTime();
        ClientWarmUp.await(Duration.ofMinutes(2));
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofMinutes(1));
    }
}
