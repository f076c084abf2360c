package io.kafkaops.engine.cluster.admin;

import io.kafkaops.engine.apply.ApplyResults.Failure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.apache.kafka.common.KafkaFuture;

/**
 * The one place where the apply side waits for Admin calls and turns their outcome into a one-line failure, and the
 * shared batching rules: chunks under the broker's per-request record limit, and the back-off between checks.
 */
final class AdminFutures {

    /** Kafka refuses a request that creates more than 10,000 metadata records; ACLs and the rest stay well below. */
    static final int MAX_RECORDS_PER_REQUEST = 5_000;

    /**
     * The controller's exact cap on the records one createTopics request may produce ({@code MAX_RECORDS_PER_USER_OP}
     * in Kafka's {@code QuorumController}, 10,000 in Kafka 3.x and 4.x: a {@code BoundedList} of that size, so the
     * whole request fails when one more record is added). A topic costs one TopicRecord, one ConfigRecord per config
     * and one PartitionRecord per partition, all committed as one atomic batch.
     */
    static final int CREATE_TOPICS_RECORD_CAP = 10_000;

    private final Duration timeout;

    AdminFutures(Duration timeout) {
        this.timeout = timeout;
    }

    Duration timeout() {
        return timeout;
    }

    /** Null when the future succeeded, else the failure and whether the cluster may have made the change anyway. */
    Failure failure(KafkaFuture<?> f) {
        if (f == null) return new Failure("no answer from the cluster", true);
        try {
            f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            Throwable cause = KafkaErrors.unwrap(e);
            boolean lost = cause instanceof org.apache.kafka.common.errors.TimeoutException
                    || cause instanceof org.apache.kafka.common.errors.DisconnectException;
            return new Failure(KafkaErrors.message(e), lost);
        } catch (java.util.concurrent.TimeoutException e) {
            return new Failure("no answer within " + timeout.toSeconds() + " s", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failure("interrupted", true);
        }
    }

    /** Null when the future succeeded, else the failure in one line. */
    String error(KafkaFuture<?> f) {
        return errorIgnoring(f, null);
    }

    /** Null when the future succeeded (or failed with the ignored type), else the failure in one line. */
    String errorIgnoring(KafkaFuture<?> f, Class<? extends Throwable> ignored) {
        if (f == null) return "no answer from the cluster";
        try {
            f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            if (ignored != null && ignored.isInstance(e.getCause())) return null;
            return KafkaErrors.message(e);
        } catch (java.util.concurrent.TimeoutException e) {
            return "no answer within " + timeout.toSeconds() + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Splits items so that the cost of each chunk stays under {@link #MAX_RECORDS_PER_REQUEST}. */
    static <T> List<List<T>> chunks(List<T> items, ToIntFunction<T> cost) {
        return chunks(items, cost, MAX_RECORDS_PER_REQUEST);
    }

    /** Splits items, in order, so that the cost of each chunk is at most {@code max}; a bigger item goes alone. */
    static <T> List<List<T>> chunks(List<T> items, ToIntFunction<T> cost, int max) {
        List<List<T>> out = new ArrayList<>();
        List<T> current = new ArrayList<>();
        int total = 0;
        for (T item : items) {
            int c = Math.max(1, cost.applyAsInt(item));
            if (!current.isEmpty() && total + c > max) {
                out.add(current);
                current = new ArrayList<>();
                total = 0;
            }
            current.add(item);
            total += c;
        }
        if (!current.isEmpty()) out.add(current);
        return out;
    }

    static void addError(Map<String, List<String>> errors, String topic, String error) {
        errors.computeIfAbsent(topic, k -> new ArrayList<>()).add(error);
    }

    /** Sleeps, then returns the next back-off (doubling, at most half a second). */
    static long pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Math.min(500, millis * 2);
    }
}
