package io.kafkaops.engine.debug.kubernetes;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.kafkaops.engine.debug.DebugSession;
import io.kafkaops.model.platform.KubernetesSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Job and the Secret of one debug session, as plain objects (no API server needed). The Job holds no secret:
 * the client settings are only in the Secret, mounted read-only into the container as a properties file.
 */
final class SessionObjects {

    /** Where the Secret is mounted, and the file in it. */
    static final String CONFIG_DIR = "/etc/kafka-debug";
    static final String CONFIG_FILE = "client.properties";
    static final String CONFIG_PATH = CONFIG_DIR + "/" + CONFIG_FILE;
    static final String CONTAINER = "kafka-cli";

    static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String MANAGED_BY = "kafkaops";
    static final String LABEL_SESSION = "kafkaops.io/debug-session";
    static final String LABEL_STAGE = "kafkaops.io/stage";
    static final String LABEL_TEAM = "kafkaops.io/team";
    static final String LABEL_ACCOUNT = "kafkaops.io/account";
    static final String LABEL_REPOSITORY = "kafkaops.io/repository";
    private static final String ANNOTATIONS = "kafkaops.io/";

    private SessionObjects() {
    }

    /** The name of the Job and of its Secret: {@code kafka-debug-<session id>}. */
    static String name(DebugSession session) {
        if (!DebugSession.isId(session.id())) {
            throw new KubernetesPlacementException("Not a debug session id: " + session.id());
        }
        return "kafka-debug-" + session.id();
    }

    /** The labels of the Job, its pod and its Secret: who, what, where; label values made valid. */
    static Map<String, String> labels(DebugSession session) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_MANAGED_BY, MANAGED_BY);
        labels.put(LABEL_SESSION, session.id());
        labels.put(LABEL_STAGE, labelValue(session.stage()));
        if (session.team() != null) labels.put(LABEL_TEAM, labelValue(session.team()));
        if (session.account() != null) labels.put(LABEL_ACCOUNT, labelValue(session.account()));
        if (session.repository() != null) labels.put(LABEL_REPOSITORY, labelValue(session.repository()));
        return labels;
    }

    /** The exact values, which labels cannot always hold ({@code groupId:artifactId}, a reason). Never a secret. */
    static Map<String, String> annotations(DebugSession session) {
        Map<String, String> a = new TreeMap<>();
        put(a, "repository", session.repository());
        put(a, "account", session.account());
        put(a, "principal", session.principal());
        put(a, "started-by", session.startedBy());
        put(a, "reason", session.reason());
        put(a, "expiry", session.expiry().toString());
        put(a, "credential", session.credentialKind() == null ? null
                : session.credentialKind() + " " + session.credentialId());
        return a;
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null) map.put(ANNOTATIONS + key, value);
    }

    /**
     * A Kubernetes label value: at most 63 characters of {@code [A-Za-z0-9._-]}, starting and ending alphanumeric;
     * other characters become {@code _}.
     */
    static String labelValue(String text) {
        String v = text.replaceAll("[^A-Za-z0-9._-]", "_");
        if (v.length() > 63) v = v.substring(0, 63);
        v = v.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
        return v;
    }

    /**
     * The session's Job: one pod that sleeps for the session's remaining lifetime so the developer can attach, ended
     * by Kubernetes at the deadline, never restarted, with no service-account token, a restricted non-root security
     * context, a read-only root file system (a small writable /tmp for the tools' logs) and resource limits.
     *
     * @param remaining the session's remaining lifetime; the Job's deadline
     */
    static Job job(DebugSession session, KubernetesSettings k, String namespace, String image, Duration remaining,
                   String bootstrapServers) {
        String name = name(session);
        long seconds = Math.max(1, (remaining.toMillis() + 999) / 1000);
        long user = k.runAsUser();
        List<EnvVar> env = new java.util.ArrayList<>(List.of(
                new EnvVar("KAFKA_DEBUG_SESSION", session.id(), null),
                new EnvVar("KAFKA_DEBUG_CONFIG", CONFIG_PATH, null),
                // the Kafka scripts write their logs under LOG_DIR; the root file system is read-only
                new EnvVar("LOG_DIR", "/tmp", null),
                new EnvVar("HOME", "/tmp", null)));
        if (bootstrapServers != null) env.add(new EnvVar("KAFKA_BOOTSTRAP", bootstrapServers, null));
        return new JobBuilder()
                .withNewMetadata()
                    .withName(name).withNamespace(namespace)
                    .withLabels(labels(session)).withAnnotations(annotations(session))
                .endMetadata()
                .withNewSpec()
                    .withActiveDeadlineSeconds(seconds)
                    .withTtlSecondsAfterFinished((int) Math.min(Integer.MAX_VALUE, Math.max(0, k.ttlAfterFinished().toSeconds())))
                    .withBackoffLimit(0)
                    .withNewTemplate()
                        .withNewMetadata().withLabels(labels(session)).endMetadata()
                        .withNewSpec()
                            .withRestartPolicy("Never")
                            .withAutomountServiceAccountToken(false)
                            .withEnableServiceLinks(false)
                            .withNewSecurityContext()
                                .withRunAsNonRoot(true).withRunAsUser(user).withRunAsGroup(user).withFsGroup(user)
                                .withSeccompProfile(new SeccompProfile(null, "RuntimeDefault"))
                            .endSecurityContext()
                            .addNewContainer()
                                .withName(CONTAINER).withImage(image)
                                .withCommand("sleep", Long.toString(seconds))
                                .withEnv(env)
                                .withNewSecurityContext()
                                    .withRunAsNonRoot(true).withAllowPrivilegeEscalation(false).withPrivileged(false)
                                    .withReadOnlyRootFilesystem(true)
                                    .withCapabilities(new Capabilities(null, List.of("ALL")))
                                    .withSeccompProfile(new SeccompProfile(null, "RuntimeDefault"))
                                .endSecurityContext()
                                .withNewResources()
                                    .withRequests(quantities(k.requests()))
                                    .withLimits(quantities(k.limits()))
                                .endResources()
                                .addNewVolumeMount().withName("client-config").withMountPath(CONFIG_DIR)
                                    .withReadOnly(true).endVolumeMount()
                                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                            .endContainer()
                            .addNewVolume().withName("client-config")
                                // readable by the container's group (fsGroup) only; the file is the credential
                                .withNewSecret().withSecretName(name).withDefaultMode(0440).withOptional(false)
                                .endSecret()
                            .endVolume()
                            .addNewVolume().withName("tmp")
                                .withNewEmptyDir().withSizeLimit(new Quantity("64Mi")).endEmptyDir()
                            .endVolume()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    /**
     * The session's Secret, owned by its Job (created before it, so it has a uid): Kubernetes deletes it with the
     * Job. Immutable: nothing changes a session's credential in place.
     */
    static Secret secret(DebugSession session, String namespace, Job owner, String propertiesText) {
        OwnerReference ref = new OwnerReferenceBuilder()
                .withApiVersion("batch/v1").withKind("Job")
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true)
                .build();
        return new SecretBuilder()
                .withNewMetadata()
                    .withName(name(session)).withNamespace(namespace)
                    .withLabels(labels(session)).withAnnotations(annotations(session))
                    .withOwnerReferences(ref)
                .endMetadata()
                .withType("Opaque")
                .withImmutable(true)
                .withData(Map.of(CONFIG_FILE, Base64.getEncoder().encodeToString(
                        propertiesText.getBytes(StandardCharsets.UTF_8))))
                .build();
    }

    private static Map<String, Quantity> quantities(Map<String, String> values) {
        Map<String, Quantity> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, new Quantity(v)));
        return out;
    }
}
