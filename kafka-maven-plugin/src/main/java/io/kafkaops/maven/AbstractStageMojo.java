package io.kafkaops.maven;

import io.kafkaops.engine.ClusterChecks;
import io.kafkaops.engine.ClusterWiring;
import io.kafkaops.engine.DeployOutcome;
import io.kafkaops.engine.EngineOptions;
import io.kafkaops.engine.StageEngine;
import io.kafkaops.engine.StageRequest;
import io.kafkaops.engine.apply.ClaimConflicts;
import io.kafkaops.engine.apply.EntityResult;
import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.cluster.ClusterSessions;
import io.kafkaops.engine.cluster.SaslJaas;
import io.kafkaops.engine.cluster.confluent.CloudCredential;
import io.kafkaops.engine.cluster.confluent.ConfluentCloudAccess;
import io.kafkaops.engine.debug.kubernetes.KubernetesClients;
import io.kafkaops.engine.debug.kubernetes.KubernetesPlacement;
import io.kafkaops.engine.local.KafkaBroker;
import io.kafkaops.engine.local.KafkaBrokerException;
import io.kafkaops.engine.local.LocalBrokers;
import io.kafkaops.engine.plan.PlanLine;
import io.kafkaops.engine.plan.PlanRefusedException;
import io.kafkaops.engine.store.CredentialStore;
import io.kafkaops.engine.validate.Validator;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Plural;
import io.kafkaops.model.Severity;
import io.kafkaops.model.Suggestions;
import io.kafkaops.model.platform.Cluster;
import io.kafkaops.model.platform.ClusterCredentials;
import io.kafkaops.model.platform.ConfluentCloud;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.model.platform.Stage;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.apache.maven.shared.utils.logging.MessageBuilder;
import org.apache.maven.shared.utils.logging.MessageUtils;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.resolution.DependencyResolutionException;

/** Shared by the goals that talk to a stage's cluster: stage selection, admin credentials, plan printing. */
abstract class AbstractStageMojo extends AbstractKafkaMojo {

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** The stage to plan or deploy (a stage name from the platform definition). */
    @Parameter(property = "kafka.stage")
    protected String stage;

    /**
     * An adoption run: take over the topics, service accounts and ACLs that exist on the stage, are declared by this
     * repository, match what the files say and are managed by no repository (created by hand, or imported with
     * kafka:import); the deploy writes their ownership records and changes nothing else on the cluster. The plan of
     * such a run shows adoptions only: an unmanaged entity that differs from the files is left untouched with the
     * differences as the reason, and creates, updates and deletes are kept for a run without it.
     */
    @Parameter(property = "kafka.adopt", defaultValue = "false")
    protected boolean adopt;

    /**
     * Allow changes that can lose data or availability: replication-factor changes, shorter retention, a changed
     * cleanup.policy.
     */
    @Parameter(property = "kafka.allowDestructive", defaultValue = "false")
    protected boolean allowDestructive;

    /** How long to wait for the cluster before giving up, in seconds. */
    @Parameter(property = "kafka.timeout", defaultValue = "30")
    protected int timeoutSeconds;

    /**
     * Embedded stages: keep the local broker's data when the build ends and start the next build's broker on it
     * (same topics, service accounts and credentials). By default every build starts with an empty broker.
     */
    @Parameter(property = "kafka.local.keep", defaultValue = "false")
    protected boolean keepLocal;

    /** Embedded stages: where the local broker keeps its data; {@code target/kafka/<stage>/broker} by default. */
    @Parameter(property = "kafka.local.dataDirectory")
    protected File localDataDirectory;

    /** Embedded stages: the local broker's client port on 127.0.0.1; 0 (the default) picks a free one. */
    @Parameter(property = "kafka.local.port", defaultValue = "0")
    protected int localPort;

    /** Resolves the Kafka server jars for an embedded stage. */
    @Inject
    private RepositorySystem repositorySystem;

    private final SettingsDecrypter settingsDecrypter;

    @Inject
    protected AbstractStageMojo(SettingsDecrypter settingsDecrypter) {
        this.settingsDecrypter = settingsDecrypter;
    }

    protected EngineOptions options() {
        return new EngineOptions(adopt, allowDestructive, Duration.ofSeconds(Math.max(1, timeoutSeconds)),
                leaseWait());
    }

    /** How long a deploy waits for another deploy of the repository to the stage; null for the default. */
    protected Duration leaseWait() {
        return null;
    }

    protected Stage requireStage(PlatformDefinition platform) throws MojoExecutionException {
        return platform.stage(stage.trim()).orElseThrow(() -> new MojoExecutionException(unknownStage(stage,
                platform)));
    }

    /** Names the stages there are, and the one meant when the name is a plausible typo of it. */
    static String unknownStage(String stage, PlatformDefinition platform) {
        String suggestion = Suggestions.didYouMean(stage.trim(), platform.stageNames());
        return "Unknown stage '" + stage + "' (kafka.stage): the platform definition " + platform.source() + " has "
                + platform.stageNames() + (suggestion == null ? "" : "; " + suggestion);
    }

    protected String requireTeam(Validator.Report report) throws MojoExecutionException {
        return report.team().map(t -> t.name()).orElseThrow(() -> new MojoExecutionException(
                "Cannot work out the team of " + project.getGroupId() + ":" + project.getArtifactId()
                        + ": ask the platform team to add the repository to a team, or set -Dkafka.team=<team>"));
    }

    /** The admin connection of a stage: bootstrap servers, client properties and the credentials' source. */
    protected ClusterConnection connection(PlatformDefinition platform, Stage s) throws MojoExecutionException {
        Cluster cluster = platform.clusters().get(s.cluster());
        if (cluster == null) {
            throw new MojoExecutionException("Stage " + s.name() + " names cluster '" + s.cluster()
                    + "', which the platform definition does not define");
        }
        if (cluster.isEmbedded()) {
            return embeddedConnection(s);
        }
        if (cluster.isConfluentCloud()) {
            return confluentConnection(cluster, s);
        }
        Map<String, String> props = new LinkedHashMap<>(cluster.properties());
        props.put("bootstrap.servers", cluster.bootstrapServers());
        ClusterCredentials c = cluster.credentials();
        String username = null;
        String password = null;
        if (c.server() != null) {
            Server server = session.getSettings().getServer(c.server());
            if (server == null) {
                throw new MojoExecutionException("The cluster " + cluster.name() + " of stage " + s.name()
                        + " takes its admin credentials from the settings.xml server '" + c.server()
                        + "', which your settings.xml does not define (add <server><id>" + c.server()
                        + "</id><username>...</username><password>...</password></server>)");
            }
            SettingsDecryptionResult decrypted = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
            for (SettingsProblem p : decrypted.getProblems()) {
                if (p.getSeverity() != SettingsProblem.Severity.WARNING) {
                    throw new MojoExecutionException("Cannot decrypt the password of settings.xml server '" + c.server()
                            + "': " + p.getMessage() + " (check ~/.m2/settings-security.xml)");
                }
            }
            username = decrypted.getServer().getUsername();
            password = decrypted.getServer().getPassword();
        } else if (c.usernameEnv() != null || c.passwordEnv() != null) {
            username = c.usernameEnv() == null ? null : System.getenv(c.usernameEnv());
            password = c.passwordEnv() == null ? null : System.getenv(c.passwordEnv());
            if (username == null || password == null) {
                throw new MojoExecutionException("The cluster " + cluster.name() + " of stage " + s.name()
                        + " takes its admin credentials from the environment variables " + c.usernameEnv() + " and "
                        + c.passwordEnv() + ", which are not both set");
            }
        }
        if (username != null) {
            String mechanism = props.getOrDefault("sasl.mechanism", "SCRAM-SHA-512");
            props.putIfAbsent("sasl.mechanism", mechanism);
            props.putIfAbsent("security.protocol", "SASL_SSL");
            props.put("sasl.jaas.config", SaslJaas.forMechanism(mechanism, username, password).value());
        }
        return new ClusterConnection(s.name(), cluster.bootstrapServers(), props);
    }

    /**
     * The engine for the stage goals; what it has to say while it waits (for a cluster to answer) goes to the log.
     * Debug sessions are placed {@code local}ly under the output directory, and on {@code kubernetes} where the platform
     * definition gives a stage an API server and team namespaces.
     */
    protected StageEngine engine(PlatformDefinition platform) throws MojoExecutionException {
        StageEngine engine = new StageEngine(platform, outputDirectory.toPath(), sessions(platform));
        if (KubernetesPlacement.usedBy(platform)) {
            // also for plan and deploy: their sweep deletes the Jobs of expired sessions placed there
            engine = engine.withSessionPlacement(new KubernetesPlacement(platform, EmbeddedKafka.kafkaVersion(),
                    KubernetesClients.fromEnvironment(), Clock.systemUTC()));
        }
        return engine;
    }

    /**
     * How the goal reaches the stage's cluster: Confluent Cloud's sessions (IAM API and Admin client) for a
     * {@code confluent-cloud} stage, the Admin client alone for any other.
     */
    protected ClusterSessions sessions(PlatformDefinition platform) throws MojoExecutionException {
        Stage s = stage == null ? null : platform.stage(stage.trim()).orElse(null);
        Cluster cluster = s == null ? null : platform.clusters().get(s.cluster());
        if (cluster != null && cluster.isConfluentCloud()) {
            return ClusterWiring.confluentCloud(confluentAccess(cluster, s), getLog()::info);
        }
        return ClusterWiring.adminClient(getLog()::info);
    }

    /**
     * A Confluent Cloud stage: the Admin client signs in with the cluster API key over SASL_SSL/PLAIN; the Cloud API key
     * reaches the IAM API. Every message names which of the two keys it is about.
     */
    private ClusterConnection confluentConnection(Cluster cluster, Stage s) throws MojoExecutionException {
        Map<String, String> props = new LinkedHashMap<>(cluster.properties());
        props.put("bootstrap.servers", cluster.bootstrapServers());
        props.putIfAbsent("security.protocol", "SASL_SSL");
        props.putIfAbsent("sasl.mechanism", "PLAIN");
        CloudCredential clusterKey = cloudCredential(cluster.credentials(), "cluster API key", cluster, s);
        props.put("sasl.jaas.config", SaslJaas.forMechanism(props.get("sasl.mechanism"), clusterKey.key(),
                clusterKey.secret()).value());
        return new ClusterConnection(s.name(), cluster.bootstrapServers(), props);
    }

    /** The IAM API of a Confluent Cloud stage with its Cloud API key. */
    private ConfluentCloudAccess confluentAccess(Cluster cluster, Stage s) throws MojoExecutionException {
        ConfluentCloud cloud = cluster.confluentCloud();
        CloudCredential cloudKey = cloudCredential(cloud.cloudApiKey(), "Cloud API key", cluster, s);
        ClusterCredentials c = cluster.credentials();
        String clusterKeySource = "the cluster API key from " + (c.server() != null ? "settings server `"
                + c.server() + "`" : "environment variables " + c.usernameEnv() + "/" + c.passwordEnv());
        Duration timeout = Duration.ofSeconds(Math.max(1, timeoutSeconds));
        try {
            return ConfluentCloudAccess.of(java.net.URI.create(cloud.apiBaseUrl()), cloudKey,
                            cloud.environmentId(), cloud.kafkaClusterId())
                    .withTimeouts(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10),
                            timeout)
                    .withClusterApiKeySource(clusterKeySource);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("The Confluent Cloud API base URL of cluster " + cluster.name()
                    + " is not a URL: " + cloud.apiBaseUrl());
        }
    }

    /** One of the two keys of a Confluent Cloud cluster, from its settings.xml server or environment variables. */
    private CloudCredential cloudCredential(ClusterCredentials c, String what, Cluster cluster, Stage s)
            throws MojoExecutionException {
        String prefix = "The " + what + " of Confluent Cloud cluster " + cluster.name() + " (stage " + s.name() + ")";
        if (c == null || c.isNone()) {
            throw new MojoExecutionException(prefix + " has no source: set it in the platform definition"
                    + " (credentials." + (what.startsWith("Cloud") ? "cloudApiKey" : "clusterApiKey") + ")");
        }
        if (c.server() != null) {
            Server server = session.getSettings().getServer(c.server());
            if (server == null) {
                throw new MojoExecutionException(prefix + " comes from the settings.xml server '" + c.server()
                        + "', which your settings.xml does not define (add <server><id>" + c.server()
                        + "</id><username>the key</username><password>the secret</password></server>)");
            }
            SettingsDecryptionResult decrypted = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
            for (SettingsProblem p : decrypted.getProblems()) {
                if (p.getSeverity() != SettingsProblem.Severity.WARNING) {
                    throw new MojoExecutionException("Cannot decrypt the " + what + " secret of settings.xml server '"
                            + c.server() + "': " + p.getMessage() + " (check ~/.m2/settings-security.xml)");
                }
            }
            String key = decrypted.getServer().getUsername();
            String secret = decrypted.getServer().getPassword();
            if (key == null || key.isBlank() || secret == null || secret.isBlank()) {
                throw new MojoExecutionException(prefix + " comes from the settings.xml server '" + c.server()
                        + "', which needs both <username> (the key) and <password> (the secret)");
            }
            return new CloudCredential(key, secret, "the " + what + " from settings server `" + c.server() + "`");
        }
        String key = c.usernameEnv() == null ? null : System.getenv(c.usernameEnv());
        String secret = c.passwordEnv() == null ? null : System.getenv(c.passwordEnv());
        if (key == null || secret == null || key.isBlank() || secret.isBlank()) {
            throw new MojoExecutionException(prefix + " comes from the environment variables " + c.usernameEnv()
                    + " and " + c.passwordEnv() + ", which are not both set");
        }
        return new CloudCredential(key, secret, "the " + what + " from environment variables " + c.usernameEnv()
                + "/" + c.passwordEnv());
    }

    /**
     * What the engine works on: the validated entities on the stage, with the policies that need the cluster
     * ({@link #clusterChecks}).
     *
     * @param store the team's credential store; null for a plan that cannot reach it
     */
    protected StageRequest request(Validator.Report report, Stage s, String team, ClusterConnection connection,
                                   CredentialStore store) {
        return StageRequest.builder().model(report.model()).stage(s.name()).repository(repository()).team(team)
                .connection(connection).options(options()).store(store).clusterChecks(clusterChecks(report, s.name()))
                .build();
    }

    /** {@code groupId:artifactId}, the owner recorded on the cluster. */
    protected String repository() {
        return project.getGroupId() + ":" + project.getArtifactId();
    }

    /**
     * Deploys the validated entities to the stage: kafka:deploy and kafka:run both deploy through here, so both apply
     * the same checks. A fresh plan (or the saved one) is checked with the policies that need the cluster
     * ({@link #clusterChecks}); an error among them refuses the deploy before anything changes. Prints the changes,
     * the summary and where the report went.
     *
     * @param planFileOrNull a plan.json to apply exactly, or null to plan now
     * @throws MojoFailureException   when the plan is refused (its problems are in the message)
     * @throws MojoExecutionException when the cluster or the credential store cannot be reached, or the deploy did not
     *                                complete
     */
    protected void deploy(Validator.Report report, Stage s, String team, CredentialStore store, Path planFileOrNull)
            throws MojoExecutionException, MojoFailureException {
        ClusterConnection connection = connection(report.platform(), s);
        DeployOutcome outcome;
        try {
            outcome = engine(report.platform()).deploy(request(report, s, team, connection, store), planFileOrNull);
        } catch (ClusterException e) {
            throw failedWith(e.getMessage(), e);
        } catch (PlanRefusedException e) {
            throw failure(e.getMessage());
        }
        printLines(outcome.lines());
        // the plan's warnings again (an unmanaged topic left alone, a password replaced): a deploy may run unreviewed
        print(outcome.plan().problems().stream().filter(d -> d.severity() == Severity.WARN).toList());
        getLog().info(outcome.summary());
        outcome.debugSessions().forEach(getLog()::info);
        getLog().info("Deploy report written to " + relative(outcome.deployJson().toFile()));
        List<String> conflicts = ClaimConflicts.lines(outcome.results());
        if (!conflicts.isEmpty()) {
            throw failure(conflicted(s.name(), conflicts, outcome.results(), relative(outcome.deployJson().toFile())));
        }
        if (!outcome.complete()) {
            throw new MojoExecutionException(incomplete(s.name(), connection.bootstrapServers(), outcome.results(),
                    relative(outcome.deployJson().toFile())));
        }
    }

    /**
     * A deploy that lost claims to deploys of other repositories that ran at the same time: what it left alone and who
     * owns it now; everything else was applied (or is counted as not applied).
     */
    static String conflicted(String stage, List<String> conflicts, List<EntityResult> results, String report) {
        long notApplied = results.stream().filter(r -> r.status() == EntityResult.Status.FAILED
                || r.status() == EntityResult.Status.SKIPPED).count();
        return "The deploy to stage " + stage + " lost " + Plural.of(conflicts.size(), "ownership claim") + " to"
                + " deploys of other repositories that ran at the same time and wrote their claims first; it changed"
                + " nothing for " + (conflicts.size() == 1 ? "that entity" : "those entities") + ":\n  "
                + String.join("\n  ", conflicts) + "\n"
                + (notApplied == 0 ? "Everything else was applied. "
                : notApplied + " other " + (notApplied == 1 ? "change was" : "changes were") + " not applied. ")
                + "Each of those entities belongs to the repository named; remove it from this repository's files"
                + " or rename it, then plan again (see " + report + ").";
    }

    /**
     * Names the cluster as well as the stage: when a broker goes away half-way, every entity fails with the same
     * client timeout, and the servers are what the reader has to check.
     */
    static String incomplete(String stage, String bootstrapServers, List<EntityResult> results, String report) {
        long failed = results.stream().filter(r -> r.status() == EntityResult.Status.FAILED).count();
        long skipped = results.stream().filter(r -> r.status() == EntityResult.Status.SKIPPED).count();
        return "The deploy to stage " + stage + " did not complete: see " + report + "; run it again to finish it. "
                + (failed + skipped) + " of " + Plural.of(results.size(), "change")
                + (failed + skipped == 1 ? " was" : " were") + " not applied (" + failed + " failed, "
                + skipped + " skipped) on the cluster at " + bootstrapServers + ".";
    }

    /**
     * The policies that need the cluster, with the topics other repositories own on the stage (read from its ownership
     * records), so topicVisibility sees who owns a consumed topic and whether it is visible to this team. They run on
     * the model the goal validated: the files are read and parsed once per goal. Only problems the offline
     * validation did not report already.
     */
    protected ClusterChecks clusterChecks(Validator.Report offline, String stage) {
        return Validator.clusterChecks(validationRequest(), offline, stage);
    }

    /** Where the embedded broker of a stage keeps its data. */
    protected Path localDataDirectory(Stage s) {
        File dir = localDataDirectory != null ? localDataDirectory
                : new File(new File(outputDirectory, s.name()), "broker");
        return dir.toPath().toAbsolutePath().normalize();
    }

    /**
     * The embedded broker of a development stage, started now or by an earlier goal of this build, and its admin
     * connection. The admin user and password are the broker's own: no settings.xml entry is needed.
     */
    protected LocalBrokers.Started startEmbedded(Stage s) throws MojoExecutionException {
        Path dataDir = localDataDirectory(s);
        if (LocalBrokers.running(dataDir).isEmpty()) {
            getLog().info("Starting Kafka " + EmbeddedKafka.kafkaVersion() + " for stage " + s.name()
                    + " (embedded, data in " + relative(dataDir.toFile()) + ")");
        }
        LocalBrokers.Started started;
        try {
            started = LocalBrokers.startOrReuse(new LocalBrokers.Request(dataDir, keepLocal, localPort,
                    this::brokerClasspath, Duration.ofSeconds(Math.max(90, timeoutSeconds))));
        } catch (UnresolvedKafka e) {
            throw new MojoExecutionException("Cannot get the Kafka server jars (" + EmbeddedKafka.coordinates()
                    + ") that stage " + s.name() + " runs on: " + e.getMessage() + ". Check that the project's Maven"
                    + " repositories (Maven Central by default) are reachable; an offline build (-o) finds them only"
                    + " in the local repository, after one online build has downloaded them.", e);
        } catch (KafkaBrokerException | IllegalStateException e) {
            throw new MojoExecutionException("The local Kafka of stage " + s.name() + " did not start: "
                    + e.getMessage() + (localPort == 0 ? "" : " (kafka.local.port=" + localPort
                    + ": choose a free port, or 0 to let the plugin pick one)"), e);
        }
        String address = started.broker().bootstrapServers();
        if (started.reused()) {
            getLog().info("Kafka for stage " + s.name() + " runs at " + address + " (started earlier in this build)");
        } else {
            getLog().info(String.format(Locale.ROOT, "Kafka for stage %s runs at %s (started in %.1f s%s; %s)",
                    s.name(), address, started.took().toMillis() / 1000.0,
                    started.keptData() ? " on the data kept by an earlier build" : "",
                    keepLocal ? "its data is kept for the next build (kafka.local.keep)"
                            : "it stops at the end of the build and its data is deleted"));
        }
        return started;
    }

    private ClusterConnection embeddedConnection(Stage s) throws MojoExecutionException {
        KafkaBroker broker = startEmbedded(s).broker();
        Map<String, String> props = new LinkedHashMap<>();
        broker.adminClientProperties().forEach((k, v) -> props.put(k, String.valueOf(v)));
        return new ClusterConnection(s.name(), broker.bootstrapServers(), props);
    }

    private List<Path> brokerClasspath() {
        try {
            return EmbeddedKafka.resolveClasspath(repositorySystem, session.getRepositorySession(),
                    project.getRemoteProjectRepositories());
        } catch (DependencyResolutionException e) {
            throw new UnresolvedKafka(e.getMessage(), e);
        }
    }

    /** Carries a resolution failure out of the classpath supplier. */
    private static final class UnresolvedKafka extends RuntimeException {
        UnresolvedKafka(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Prints plan lines coloured like a diff: green creates, yellow updates, red deletes and problems. */
    protected void printLines(List<PlanLine> lines) {
        for (PlanLine line : lines) {
            MessageBuilder mb = MessageUtils.buffer();
            String indent = "  ".repeat(Math.max(0, line.indent()));
            String text = indent + (line.marker() == ' ' ? "  " : line.marker() + " ") + line.text();
            switch (line.marker()) {
                case '+' -> mb.success(text);
                case '~' -> mb.warning(text);
                case '-', '!' -> mb.failure(text);
                case '?' -> mb.strong(text);
                default -> mb.a(text);
            }
            getLog().info(mb.toString());
        }
    }

    protected static MojoFailureException failure(String message) {
        return new MojoFailureException(message);
    }
}
