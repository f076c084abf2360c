package io.kafkaops.maven;

import io.kafkaops.engine.local.KafkaBroker;
import io.kafkaops.engine.local.LocalBrokers;
import io.kafkaops.engine.store.CredentialStore;
import io.kafkaops.engine.store.CredentialStoreException;
import io.kafkaops.engine.store.file.FileCredentialStore;
import io.kafkaops.engine.validate.Validator;
import io.kafkaops.model.platform.Cluster;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.model.platform.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Runs the repository's Kafka on this machine for development: starts the embedded broker of a development stage
 * ({@code local} unless {@code kafka.stage} names another), deploys the repository's entities to it, prints the
 * bootstrap address and where each service account's client properties were written, and keeps the broker running
 * until interrupted (Ctrl-C) or until {@code kafka.run.duration} has passed. The broker is stopped either way.
 */
@Mojo(name = "run", threadSafe = true)
public class RunMojo extends AbstractStageMojo {

    /** The stage kafka:run uses when kafka.stage is not set. */
    public static final String DEFAULT_STAGE = "local";

    private static final Duration LIVENESS_CHECK = Duration.ofSeconds(1);

    /**
     * How long to keep the broker running, as an ISO-8601 duration ({@code PT30S}, {@code PT2H}); until interrupted
     * (Ctrl-C) when not set. Lets a build without a terminal, such as CI or a test, stop it.
     */
    @Parameter(property = "kafka.run.duration")
    private String duration;

    @Inject
    public RunMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping kafka:run (kafka.skip=true)");
            return;
        }
        Duration runFor = parseDuration();
        if (stage == null || stage.isBlank()) {
            stage = DEFAULT_STAGE;
        }
        Validator.Report report = runValidation();
        print(report.diagnostics());
        if (report.hasErrors()) {
            throw failure("The Kafka entities have validation errors; the local Kafka was not started (see above)");
        }
        PlatformDefinition platform = report.platform();
        Stage s = requireEmbeddedStage(platform);
        String team = requireTeam(report);
        CredentialStore store = StoreSupport.requireStore(platform, team, s.name(), project);

        // the same deploy as kafka:deploy, checks against the other repositories' topics on the broker included
        deploy(report, s, team, store, null);
        Path dataDir = localDataDirectory(s);
        KafkaBroker broker = LocalBrokers.running(dataDir).orElseThrow(() -> new MojoExecutionException(
                "The local Kafka of stage " + s.name() + " stopped right after the deploy; see "
                        + dataDir.resolve("logs")));

        getLog().info("Kafka for stage " + s.name() + " is running: bootstrap.servers=" + broker.bootstrapServers()
                + " (SASL_PLAINTEXT, SCRAM-SHA-512, ACLs enforced)");
        printClientProperties(store, s.name(), team);
        getLog().info(runFor == null ? "Press Ctrl-C to stop it."
                : "It stops after " + runFor + " (kafka.run.duration) or on Ctrl-C.");
        String reason;
        try (StopSignals signals = StopSignals.interrupting(Thread.currentThread())) {
            keepRunning(broker, runFor, s, () -> signals.received() != null);
            reason = signals.received() != null ? signals.received() : "kafka.run.duration " + runFor + " passed";
            Thread.interrupted(); // a signal's interrupt is consumed here: the broker is stopped next, as asked
        } catch (MojoExecutionException brokerDied) {
            LocalBrokers.stop(dataDir);
            throw brokerDied;
        }
        getLog().info("Stopping Kafka for stage " + s.name() + " (" + reason + ")");
        LocalBrokers.stop(dataDir);
        getLog().info("Stopped Kafka for stage " + s.name()
                + (broker.keepsData() ? "; its data stays in " + relative(dataDir.toFile()) : ""));
    }

    private Duration parseDuration() throws MojoExecutionException {
        if (duration == null || duration.isBlank()) return null;
        try {
            Duration d = Duration.parse(duration.trim());
            if (d.isNegative() || d.isZero()) throw new DateTimeParseException("not positive", duration, 0);
            return d;
        } catch (DateTimeParseException e) {
            throw new MojoExecutionException("kafka.run.duration '" + duration + "' is not a positive ISO-8601"
                    + " duration: write for example PT30S, PT10M or PT2H");
        }
    }

    private Stage requireEmbeddedStage(PlatformDefinition platform) throws MojoExecutionException {
        Stage s = platform.stage(stage.trim()).orElseThrow(() -> new MojoExecutionException("kafka:run uses stage '"
                + stage.trim() + "', which the platform definition " + platform.source() + " does not define (it has "
                + platform.stageNames() + "). Add a development stage, for example stages: [{ name: local, cluster:"
                + " local }] and clusters: { local: { type: embedded } }, or set -Dkafka.stage=<stage>"));
        Cluster cluster = platform.clusters().get(s.cluster());
        if (cluster == null || !cluster.isEmbedded()) {
            throw new MojoExecutionException("kafka:run starts a Kafka on this machine, but stage " + s.name()
                    + " runs on cluster '" + s.cluster() + "'" + (cluster == null ? "" : " of type " + cluster.type())
                    + ": use a stage whose cluster has type embedded, or kafka:deploy for a real cluster");
        }
        return s;
    }

    /** Where an application finds the credentials of each service account: never the credentials themselves. */
    private void printClientProperties(CredentialStore store, String stageName, String team)
            throws MojoExecutionException {
        Set<String> principals;
        try {
            principals = store.existing(stageName, team);
        } catch (CredentialStoreException e) {
            throw failedWith("Cannot read " + store.describe() + ": " + e.getMessage(), e);
        }
        if (principals.isEmpty()) {
            getLog().info("No service account of this repository has credentials on stage " + stageName);
            return;
        }
        for (String principal : principals) {
            if (store instanceof FileCredentialStore file) {
                Path props = file.propertiesDirectory().resolve(principal + ".properties");
                if (Files.isRegularFile(props)) {
                    getLog().info("Client properties of " + principal + ": " + relative(props.toFile()));
                    continue;
                }
            }
            getLog().info("Credentials of " + principal + ": in " + store.describe());
        }
    }

    /**
     * Waits until the duration passed or a stop signal arrived. A terminal's Ctrl-C reaches the broker's JVM too, so
     * a broker that stops once a signal was received is expected, not a failure.
     */
    private void keepRunning(KafkaBroker broker, Duration runFor, Stage s, BooleanSupplier stopRequested)
            throws MojoExecutionException {
        long deadline = runFor == null ? Long.MAX_VALUE : System.nanoTime() + runFor.toNanos();
        try {
            while (true) {
                if (stopRequested.getAsBoolean()) return;
                if (!broker.isRunning() && !stopRequested.getAsBoolean()) {
                    throw new MojoExecutionException("The local Kafka of stage " + s.name()
                            + " stopped unexpectedly; see " + broker.logFile());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) return;
                TimeUnit.NANOSECONDS.sleep(Math.min(left, LIVENESS_CHECK.toNanos()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
