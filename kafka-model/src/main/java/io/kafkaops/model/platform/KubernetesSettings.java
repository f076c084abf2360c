package io.kafkaops.model.platform;

import io.kafkaops.model.Location;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a stage's debug sessions run on Kubernetes ({@code debug.kubernetes:} of a stage in the platform definition):
 * a Job in the team's namespace running a Kafka command-line image, the session's credential in a Secret the Job
 * owns. The namespace of a session comes from {@link #namespaces} only, by the team of the repository.
 *
 * @param apiServer        the API server's URL; null: the one of the kubeconfig (or the in-cluster one)
 * @param context          the kubeconfig context to use; null: the current one (or the in-cluster identity)
 * @param image            the Kafka command-line image; null: {@link #DEFAULT_IMAGE_REPOSITORY} in the plugin's
 *                         Kafka version
 * @param namespaces       the namespace of each team (team name to namespace)
 * @param requests         the container's resource requests ({@code cpu}, {@code memory}, as Kubernetes quantities)
 * @param limits           the container's resource limits ({@code cpu}, {@code memory})
 * @param ttlAfterFinished how long Kubernetes keeps a finished Job ({@code ttlSecondsAfterFinished})
 * @param runAsUser        the non-root user id the container runs as (also its group and the volumes' group)
 * @param toolsDir         where the image keeps the Kafka scripts, for the line the goal prints
 * @param location         where {@code kubernetes:} is written, for diagnostics
 */
public record KubernetesSettings(String apiServer, String context, String image, Map<String, String> namespaces,
                                 Map<String, String> requests, Map<String, String> limits, Duration ttlAfterFinished,
                                 long runAsUser, String toolsDir, Location location) {

    /** The image when the platform names none: the Apache Kafka image, which has the scripts in /opt/kafka/bin. */
    public static final String DEFAULT_IMAGE_REPOSITORY = "apache/kafka";
    public static final Map<String, String> DEFAULT_REQUESTS = Map.of("cpu", "100m", "memory", "256Mi");
    public static final Map<String, String> DEFAULT_LIMITS = Map.of("cpu", "1", "memory", "512Mi");
    public static final Duration DEFAULT_TTL_AFTER_FINISHED = Duration.ofMinutes(10);
    /** The user of the Apache Kafka image ({@code appuser}); numeric so that Kubernetes can check it is not root. */
    public static final long DEFAULT_RUN_AS_USER = 1000;
    public static final String DEFAULT_TOOLS_DIR = "/opt/kafka/bin";

    public KubernetesSettings {
        namespaces = namespaces == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(namespaces));
        requests = withDefaults(requests, DEFAULT_REQUESTS);
        limits = withDefaults(limits, DEFAULT_LIMITS);
        ttlAfterFinished = ttlAfterFinished == null ? DEFAULT_TTL_AFTER_FINISHED : ttlAfterFinished;
        runAsUser = runAsUser <= 0 ? DEFAULT_RUN_AS_USER : runAsUser;
        toolsDir = toolsDir == null || toolsDir.isBlank() ? DEFAULT_TOOLS_DIR : toolsDir;
    }

    /** The namespace of a team's debug sessions; empty when the platform gives the team none on this stage. */
    public Optional<String> namespace(String team) {
        return team == null ? Optional.empty() : Optional.ofNullable(namespaces.get(team));
    }

    /** The image, or the default one in the given Kafka version. */
    public String imageOr(String kafkaVersion) {
        return image != null && !image.isBlank() ? image : DEFAULT_IMAGE_REPOSITORY + ":" + kafkaVersion;
    }

    private static Map<String, String> withDefaults(Map<String, String> given, Map<String, String> defaults) {
        Map<String, String> all = new LinkedHashMap<>(defaults);
        if (given != null) all.putAll(given);
        return Collections.unmodifiableMap(all);
    }
}
