package io.kafkaops.engine.cluster.confluent;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * When to ask Confluent Cloud again: after a 429 as long as its rate-limit headers say ({@code Retry-After} in
 * seconds or as an HTTP date, else {@code X-RateLimit-Reset}, which Confluent documents as the relative seconds until
 * the window resets), after a 5xx or a lost answer with exponential back-off; never after any other answer. Bounded
 * in attempts and in total time: a wait that would end past the total is not started.
 *
 * @param maxAttempts    attempts per request, the first included
 * @param maxTotal       time one request may take with all its retries
 * @param initialBackoff the first back-off after a 5xx or a lost answer; doubled each time
 * @param maxBackoff     the longest single back-off (also caps what a rate-limit header asks for)
 */
public record RetryPolicy(int maxAttempts, Duration maxTotal, Duration initialBackoff, Duration maxBackoff) {

    /** For deploys: rate limits of Confluent Cloud reset within a minute. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(10, Duration.ofMinutes(3), Duration.ofMillis(500),
            Duration.ofSeconds(60));

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts < 1");
    }

    /** Why a request is retried; {@link #describe()} is what the user reads while waiting. */
    public enum Reason {
        RATE_LIMITED("the rate limit of Confluent Cloud (429)"),
        SERVER_ERROR("a server error of Confluent Cloud (5xx)"),
        NO_ANSWER("an answer that did not arrive");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        public String describe() {
            return text;
        }
    }

    /**
     * How long to wait before the next attempt, or empty to give up.
     *
     * @param attempt  the attempt that just failed, 1 for the first
     * @param status   its HTTP status, or -1 when no answer came
     * @param headers  its response headers by name (any case), or a function answering null
     * @param elapsed  time spent on this request so far
     */
    public Optional<Duration> nextWait(int attempt, int status, Function<String, String> headers, Duration elapsed) {
        Reason reason = reason(status);
        if (reason == null || attempt >= maxAttempts) return Optional.empty();
        Duration wait = null;
        if (reason == Reason.RATE_LIMITED) wait = rateLimitWait(headers);
        if (wait == null) wait = backoff(attempt);
        if (wait.compareTo(maxBackoff) > 0) wait = maxBackoff;
        if (elapsed.plus(wait).compareTo(maxTotal) > 0) return Optional.empty();
        return Optional.of(wait);
    }

    /** Which failures are worth another attempt; null for those that are not. */
    public static Reason reason(int status) {
        if (status == 429) return Reason.RATE_LIMITED;
        if (status == -1) return Reason.NO_ANSWER;
        if (status >= 500 && status <= 599 && status != 501) return Reason.SERVER_ERROR;
        return null;
    }

    Duration backoff(int attempt) {
        long millis = initialBackoff.toMillis() << Math.min(20, Math.max(0, attempt - 1));
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    /** What the headers of a 429 ask for; null when they say nothing usable. */
    static Duration rateLimitWait(Function<String, String> headers) {
        Duration retryAfter = retryAfter(headers.apply("Retry-After"));
        if (retryAfter != null) return retryAfter;
        return seconds(headers.apply("X-RateLimit-Reset"));
    }

    private static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) return null;
        Duration s = seconds(value);
        if (s != null) return s;
        try {
            ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration seconds(String value) {
        if (value == null) return null;
        try {
            double s = Double.parseDouble(value.trim());
            if (s < 0 || Double.isNaN(s) || s > 86_400) return null;
            // a reset of 0 s still means "not this instant": ask again after a short pause
            return Duration.ofMillis(Math.max(100, (long) Math.ceil(s * 1000)));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
