package io.kafkaops.maven;

import io.kafkaops.engine.apply.DeployReport;
import io.kafkaops.engine.store.CredentialStore;
import io.kafkaops.engine.validate.Validator;
import io.kafkaops.model.platform.Stage;
import java.io.File;
import java.time.Duration;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Applies the repo's Kafka entities to a stage's cluster: a fresh plan, or the reviewed plan file given with
 * {@code kafka.planFile} (refused when the cluster changed since). Creates service accounts and their credentials
 * (stored in the team's secret store, never printed), topics, configs and ACLs in dependency order, records
 * ownership on the cluster and writes {@code target/kafka/<stage>/deploy.json}. Deploys of one repository to one stage
 * never overlap (see {@code kafka.leaseWait}); an entity that a deploy of another repository running at the same time
 * claimed first is left alone and reported as a conflict naming that repository, which fails the build at the end.
 */
@Mojo(name = "deploy", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class DeployMojo extends AbstractStageMojo {

    /**
     * Skip this goal only, for example {@code -Dkafka.deploy.skip=true} in a build that runs several of the plugin's
     * goals; {@code kafka.skip} skips every goal of the plugin.
     */
    @Parameter(property = "kafka.deploy.skip", defaultValue = "false")
    private boolean deploySkip;

    /** A plan.json written by kafka:plan, to apply exactly what was reviewed. */
    @Parameter(property = "kafka.planFile")
    private File planFile;

    /**
     * How long, in seconds, to wait for another deploy of this repository to the same stage that is still running (a
     * re-run while the first is going) before failing with a message naming it (holder, host, since when). Deploys of
     * one repository to one stage never overlap: each holds a lease in the ownership topic, renewed while it runs;
     * the lease of a killed deploy ends by itself within 60 s. 0 fails at once.
     */
    @Parameter(property = "kafka.leaseWait", defaultValue = "300")
    private int leaseWaitSeconds;

    @Inject
    public DeployMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected Duration leaseWait() {
        return Duration.ofSeconds(Math.max(0, leaseWaitSeconds));
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || deploySkip) {
            getLog().info("Skipping the Kafka deploy (" + (skip ? "kafka.skip" : "kafka.deploy.skip") + "=true)");
            return;
        }
        if (stage == null || stage.isBlank()) {
            getLog().info("No Kafka deploy: no stage given (set -Dkafka.stage=<stage>)");
            return;
        }
        Validator.Report report = runValidation();
        print(report.diagnostics());
        // before anything else can fail, validation errors included: a failed deploy must not leave the last run's
        // report behind (only for a stage the platform defines, so the name is never an arbitrary path)
        if (report.platform() != null) {
            report.platform().stage(stage.trim()).ifPresent(known ->
                    DeployReport.discardPrevious(outputDirectory.toPath().resolve(known.name())));
        }
        if (report.hasErrors()) {
            throw failure("The Kafka entities have validation errors; nothing was deployed (see above)");
        }
        Stage s = requireStage(report.platform());
        String team = requireTeam(report);
        CredentialStore store = StoreSupport.requireStore(report.platform(), team, s.name(), project);
        if (planFile != null && !planFile.isFile()) {
            throw new MojoExecutionException("The plan file " + planFile + " (kafka.planFile) does not exist");
        }
        deploy(report, s, team, store, planFile == null ? null : planFile.toPath());
    }
}
