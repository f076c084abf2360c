package io.kafkaops.engine.cluster.confluent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final RetryPolicy POLICY = new RetryPolicy(5, Duration.ofSeconds(60), Duration.ofMillis(500),
            Duration.ofSeconds(20));
    private static final Function<String, String> NONE = name -> null;

    private static Function<String, String> headers(Map<String, String> h) {
        return h::get;
    }

    @Test
    void a429WaitsAsLongAsRetryAfterSays() {
        assertThat(POLICY.nextWait(1, 429, headers(Map.of("Retry-After", "7")), Duration.ZERO))
                .contains(Duration.ofSeconds(7));
    }

    @Test
    void a429WithoutRetryAfterWaitsForTheRelativeRateLimitReset() {
        // Confluent documents X-RateLimit-Reset as relative seconds, not an epoch
        assertThat(POLICY.nextWait(1, 429, headers(Map.of("X-RateLimit-Reset", "3")), Duration.ZERO))
                .contains(Duration.ofSeconds(3));
    }

    @Test
    void retryAfterWinsOverTheResetHeader() {
        assertThat(POLICY.nextWait(1, 429, headers(Map.of("Retry-After", "2", "X-RateLimit-Reset", "9")),
                Duration.ZERO)).contains(Duration.ofSeconds(2));
    }

    @Test
    void aZeroResetStillPausesBriefly() {
        assertThat(POLICY.nextWait(1, 429, headers(Map.of("X-RateLimit-Reset", "0")), Duration.ZERO))
                .contains(Duration.ofMillis(100));
    }

    @Test
    void a429WithoutUsableHeadersBacksOffExponentially() {
        assertThat(POLICY.nextWait(1, 429, headers(Map.of("Retry-After", "soon")), Duration.ZERO))
                .contains(Duration.ofMillis(500));
        assertThat(POLICY.nextWait(3, 429, NONE, Duration.ZERO)).contains(Duration.ofMillis(2000));
    }

    @Test
    void serverErrorsAndLostAnswersBackOffAndAreCappedPerWait() {
        assertThat(POLICY.nextWait(1, 503, NONE, Duration.ZERO)).contains(Duration.ofMillis(500));
        assertThat(POLICY.nextWait(2, 500, NONE, Duration.ZERO)).contains(Duration.ofMillis(1000));
        assertThat(POLICY.nextWait(2, -1, NONE, Duration.ZERO)).contains(Duration.ofMillis(1000));
        assertThat(POLICY.nextWait(1, 429, headers(Map.of("Retry-After", "3600")), Duration.ZERO))
                .contains(Duration.ofSeconds(20));
    }

    @Test
    void otherAnswersAreNotRetried() {
        for (int status : new int[] {400, 401, 402, 403, 404, 409, 422, 501}) {
            assertThat(POLICY.nextWait(1, status, NONE, Duration.ZERO)).as("status %d", status).isEmpty();
        }
    }

    @Test
    void retriesAreBoundedInCountAndInTotalTime() {
        assertThat(POLICY.nextWait(4, 503, NONE, Duration.ZERO)).isPresent();
        assertThat(POLICY.nextWait(5, 503, NONE, Duration.ZERO)).isEmpty();
        // a wait that would end past the total is not started
        assertThat(POLICY.nextWait(1, 429, headers(Map.of("Retry-After", "10")), Duration.ofSeconds(55))).isEmpty();
        assertThat(POLICY.nextWait(1, 429, headers(Map.of("Retry-After", "4")), Duration.ofSeconds(55))).isPresent();
    }
}
