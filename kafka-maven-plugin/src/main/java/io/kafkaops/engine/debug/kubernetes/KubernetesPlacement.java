package io.kafkaops.engine.debug.kubernetes;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kafkaops.engine.debug.DebugSession;
import io.kafkaops.engine.debug.LocalPlacement;
import io.kafkaops.engine.debug.SessionPlacement;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Location;
import io.kafkaops.model.platform.KubernetesSettings;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.model.platform.Stage;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code kubernetes} placement: a Job in the team's namespace running the stage's Kafka command-line image for
 * the session's lifetime, its client settings in a Secret owned by the Job. The namespace comes from the platform
 * definition's team mapping only ({@code debug.kubernetes.namespaces} of the stage); a session of a team without one,
 * or a recorded session naming another namespace, is refused. Removing deletes the Job (the pod and, through the
 * owner reference, the Secret go with it) and the Secret explicitly, so nothing waits for the garbage collector.
 */
public final class KubernetesPlacement implements SessionPlacement {

    public static final String KIND = "kubernetes";
    /** Placement details recorded with the session. */
    public static final String NAMESPACE = "namespace";
    public static final String JOB = "job";
    public static final String SECRET = "secret";
    /** Rule id of the refusals. */
    public static final String RULE = "debugKubernetes";

    private final PlatformDefinition platform;
    private final String kafkaVersion;
    private final KubernetesClients clients;
    private final Clock clock;

    /**
     * @param kafkaVersion the plugin's Kafka version, for the default image {@code apache/kafka:<version>}
     * @param clients      how to reach a stage's API server ({@link KubernetesClients#fromEnvironment()})
     */
    public KubernetesPlacement(PlatformDefinition platform, String kafkaVersion, KubernetesClients clients,
                               Clock clock) {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.kafkaVersion = Objects.requireNonNull(kafkaVersion, "kafkaVersion");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether any stage of the platform places debug sessions on Kubernetes. */
    public static boolean usedBy(PlatformDefinition platform) {
        return platform.stages().stream().anyMatch(s -> s.debug().kubernetesSettings().isPresent());
    }

    /**
     * Why a session of the team cannot be placed on Kubernetes on the stage, checked before a credential is issued:
     * the stage gives no API server, or the team no namespace. Empty when it can.
     */
    public static List<Diagnostic> check(Stage stage, String team) {
        Location at = stage.location() != null ? stage.location() : Location.ofFile("platform definition");
        Optional<KubernetesSettings> k = stage.debug().kubernetesSettings();
        if (k.isEmpty()) {
            return List.of(Diagnostic.error(RULE, "stage " + stage.name() + " gives no Kubernetes API server for debug"
                    + " sessions", at, "add debug.kubernetes with the team namespaces to the stage in the platform"
                    + " definition, or use -Dkafka.debug.placement=local"));
        }
        if (k.get().namespace(team).isEmpty()) {
            Location where = k.get().location() != null ? k.get().location() : at;
            return List.of(Diagnostic.error(RULE, "team " + team + " has no namespace for debug sessions on stage "
                    + stage.name() + " (debug.kubernetes.namespaces names " + String.join(", ",
                    k.get().namespaces().keySet()) + ")", where, "ask the platform team to add one"));
        }
        return List.of();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, String> place(DebugSession session, Map<String, String> clientSettings) {
        KubernetesSettings k = settings(session);
        String namespace = namespace(session, k);
        String name = SessionObjects.name(session);
        Duration remaining = Duration.between(clock.instant(), session.expiry());
        if (remaining.isNegative() || remaining.isZero()) {
            throw new KubernetesPlacementException("Debug session " + session.id() + " has expired already");
        }
        Job job = SessionObjects.job(session, k, namespace, k.imageOr(kafkaVersion), remaining,
                clientSettings.get("bootstrap.servers"));
        try (KubernetesClient client = clients.client(k)) {
            Job created = call("create Job " + name + " in namespace " + namespace,
                    () -> client.batch().v1().jobs().inNamespace(namespace).resource(job).create());
            try {
                Secret secret = SessionObjects.secret(session, namespace, created,
                        LocalPlacement.properties(session, clientSettings));
                call("create Secret " + name + " in namespace " + namespace,
                        () -> client.secrets().inNamespace(namespace).resource(secret).create());
            } catch (RuntimeException e) {
                // the Job without its Secret is of no use; it would wait for the Secret until its deadline
                deleteQuietly(client, namespace, session);
                throw e;
            }
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put(NAMESPACE, namespace);
        details.put(JOB, name);
        details.put(SECRET, name);
        return details;
    }

    @Override
    public String howToUse(DebugSession session) {
        KubernetesSettings k = settings(session);
        String namespace = namespace(session, k);
        String bin = k.toolsDir().endsWith("/") ? k.toolsDir() : k.toolsDir() + "/";
        return "Attach with: kubectl exec -n " + namespace + " -it job/" + SessionObjects.name(session) + " -- sh"
                + " (the Job ends at " + session.expiry() + "). Inside, the client settings are in "
                + SessionObjects.CONFIG_PATH + ", for example: " + bin + "kafka-console-consumer.sh --bootstrap-server"
                + " \"$KAFKA_BOOTSTRAP\" --consumer.config \"$KAFKA_DEBUG_CONFIG\" --topic <topic> --from-beginning";
    }

    @Override
    public void remove(DebugSession session) {
        KubernetesSettings k = settings(session);
        String namespace = namespace(session, k);
        try (KubernetesClient client = clients.client(k)) {
            Job job = call("read Job " + SessionObjects.name(session) + " in namespace " + namespace,
                    () -> client.batch().v1().jobs().inNamespace(namespace).withName(SessionObjects.name(session))
                            .get());
            Secret secret = call("read Secret " + SessionObjects.name(session) + " in namespace " + namespace,
                    () -> client.secrets().inNamespace(namespace).withName(SessionObjects.name(session)).get());
            requireSessions(session, namespace, job, "Job");
            requireSessions(session, namespace, secret, "Secret");
            delete(client, namespace, session, job != null, secret != null);
        }
    }

    /** The stage's Kubernetes settings; refused when the stage has none. */
    private KubernetesSettings settings(DebugSession session) {
        Stage stage = platform.stage(session.stage()).orElseThrow(() -> new KubernetesPlacementException(
                "Stage " + session.stage() + " of debug session " + session.id() + " is not in the platform"
                        + " definition"));
        return stage.debug().kubernetesSettings().orElseThrow(() -> new KubernetesPlacementException(
                "Stage " + stage.name() + " gives no Kubernetes API server for debug sessions (add debug.kubernetes"
                        + " with the team namespaces to the stage in the platform definition, or use"
                        + " -Dkafka.debug.placement=local)"));
    }

    /**
     * The team's namespace from the platform definition, the only place a namespace comes from. A session that names
     * another one in its details (a record on the cluster says where it was placed) is refused: nothing is created in
     * or deleted from a namespace that is not the team's.
     */
    private static String namespace(DebugSession session, KubernetesSettings k) {
        String namespace = k.namespace(session.team()).orElseThrow(() -> new KubernetesPlacementException(
                "Team " + session.team() + " has no namespace for debug sessions on stage " + session.stage()
                        + " (debug.kubernetes.namespaces in the platform definition names "
                        + String.join(", ", k.namespaces().keySet()) + "); ask the platform team for one"));
        String recorded = session.placementDetails().get(NAMESPACE);
        if (recorded != null && !recorded.equals(namespace)) {
            throw new KubernetesPlacementException("Debug session " + session.id() + " names namespace " + recorded
                    + ", which is not the namespace of team " + session.team() + " on stage " + session.stage() + " ("
                    + namespace + "); refused: a session is placed in and removed from its team's namespace only");
        }
        return namespace;
    }

    /** An object of the session's name that does not carry the session's label is not the session's: left alone. */
    private static void requireSessions(DebugSession session, String namespace, HasMetadata object, String kind) {
        if (object == null) return;
        Map<String, String> labels = object.getMetadata().getLabels();
        if (labels == null || !session.id().equals(labels.get(SessionObjects.LABEL_SESSION))) {
            throw new KubernetesPlacementException(kind + " " + object.getMetadata().getName() + " in namespace "
                    + namespace + " is not labelled as debug session " + session.id() + "; left alone");
        }
    }

    private static void delete(KubernetesClient client, String namespace, DebugSession session, boolean job,
                               boolean secret) {
        String name = SessionObjects.name(session);
        if (job) {
            // background propagation: the Job goes now, its pod and its Secret (owner reference) after it
            call("delete Job " + name + " in namespace " + namespace, () -> client.batch().v1().jobs()
                    .inNamespace(namespace).withName(name).withPropagationPolicy(DeletionPropagation.BACKGROUND)
                    .delete());
        }
        if (secret) {
            // deleted explicitly too: the credential must not wait for the garbage collector
            call("delete Secret " + name + " in namespace " + namespace,
                    () -> client.secrets().inNamespace(namespace).withName(name).delete());
        }
    }

    private static void deleteQuietly(KubernetesClient client, String namespace, DebugSession session) {
        try {
            delete(client, namespace, session, true, true);
        } catch (RuntimeException ignored) {
            // the Job still ends at its deadline; the sweeper tries again
        }
    }

    /** One API call; a failure names what was attempted and the server's answer (which never holds Secret data). */
    private static <T> T call(String what, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw new KubernetesPlacementException("Could not " + what + ": " + reason(e), e);
        }
    }

    private static String reason(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getCode() + " " + e.getStatus().getMessage();
        }
        return e.getMessage();
    }
}
