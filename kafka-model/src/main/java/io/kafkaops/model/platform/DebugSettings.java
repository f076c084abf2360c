package io.kafkaops.model.platform;

import java.time.Duration;
import java.util.Optional;

/**
 * What a stage allows of debug sessions ({@code debug:} of a stage in the platform definition).
 *
 * @param maxLifetime   the longest session; zero: no sessions on the stage
 * @param requireReason whether a session needs a reason
 * @param kubernetes    where sessions placed on Kubernetes run ({@code debug.kubernetes:}); null when the stage gives
 *                      no Kubernetes API server
 */
public record DebugSettings(Duration maxLifetime, boolean requireReason, KubernetesSettings kubernetes) {

    /** The longest session when a stage says nothing: a working day. */
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(8);

    /** A stage without {@code debug:}: sessions up to {@link #DEFAULT_MAX_LIFETIME}, no reason needed. */
    public static final DebugSettings DEFAULT = new DebugSettings(DEFAULT_MAX_LIFETIME, false);

    /** Settings without Kubernetes. */
    public DebugSettings(Duration maxLifetime, boolean requireReason) {
        this(maxLifetime, requireReason, null);
    }

    public DebugSettings {
        maxLifetime = maxLifetime == null ? DEFAULT_MAX_LIFETIME : maxLifetime;
        if (maxLifetime.isNegative()) {
            throw new IllegalArgumentException("maxLifetime must not be negative");
        }
    }

    /** Whether the stage allows debug sessions at all. */
    public boolean sessionsAllowed() {
        return !maxLifetime.isZero();
    }

    /** Where sessions placed on Kubernetes run; empty when the stage gives no Kubernetes API server. */
    public Optional<KubernetesSettings> kubernetesSettings() {
        return Optional.ofNullable(kubernetes);
    }
}
