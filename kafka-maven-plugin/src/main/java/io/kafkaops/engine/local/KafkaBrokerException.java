package io.kafkaops.engine.local;

/**
 * The embedded broker could not be formatted, started or stopped. Messages carry the tail of the broker's log with
 * secrets removed.
 */
public class KafkaBrokerException extends RuntimeException {

    public KafkaBrokerException(String message) {
        super(message);
    }

    public KafkaBrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
