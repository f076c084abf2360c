package io.kafkaops.engine.debug.tools;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code kafka:produce}: writes records to one topic with {@code acks=all} and prints the partition and offset of
 * each. Idempotence is on by default: since Kafka 2.8 (KIP-679) it needs no right beyond WRITE on the topic. On a
 * broker that still asks for IDEMPOTENT_WRITE on the cluster, the error says so and {@code idempotence=false} writes
 * without it; there is no silent fallback, since a retried send could then write a record twice.
 */
public final class Produce {

    /**
     * @param topic       the topic's physical name
     * @param idempotence whether to produce idempotently
     * @param timeout     bound of the whole send, per record
     */
    public record Request(String topic, List<ProduceInput.Line> lines, boolean idempotence, Duration timeout) {
    }

    private Produce() {
    }

    /** @return how many records were written; every one was, or this throws */
    public static int run(ToolCredentials.Access access, Request r, Consumer<String> out) throws ToolException {
        Map<String, Object> props = Clients.settings(access, r.timeout());
        String ms = String.valueOf(Math.max(1000, r.timeout().toMillis()));
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        props.put("acks", "all");
        props.put("enable.idempotence", String.valueOf(r.idempotence()));
        props.put("linger.ms", "0");
        props.put("max.block.ms", ms);
        props.put("delivery.timeout.ms", ms);
        String doing = "write to topic " + r.topic();
        KafkaProducer<String, String> producer;
        try {
            producer = new KafkaProducer<>(props);
        } catch (RuntimeException e) {
            throw ClientErrors.explain(e, access.account(), "create a producer", null, Clients.describe(r.timeout()));
        }
        int written = 0;
        try {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (ProduceInput.Line line : r.lines()) {
                ProducerRecord<String, String> record = new ProducerRecord<>(r.topic(), line.key(), line.value());
                line.headers().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                sent.add(producer.send(record));
            }
            producer.flush();
            for (int i = 0; i < sent.size(); i++) {
                RecordMetadata m = sent.get(i).get(r.timeout().toMillis(), TimeUnit.MILLISECONDS);
                out.accept(r.lines().get(i).origin() + " -> " + m.topic() + " partition=" + m.partition()
                        + " offset=" + m.offset());
                written++;
            }
            out.accept("Produced " + written + " record" + (written == 1 ? "" : "s") + " to " + r.topic()
                    + " (acks=all, " + (r.idempotence() ? "idempotent" : "not idempotent") + ")");
            return written;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted while writing to topic " + r.topic());
        } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            ToolException explained = ClientErrors.explain(e, access.account(), doing, null,
                    Clients.describe(r.timeout()));
            String prefix = written == 0 ? "" : written + " of " + r.lines().size() + " records were written, then: ";
            throw new ToolException(prefix + explained.getMessage(), explained.denied());
        } finally {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
