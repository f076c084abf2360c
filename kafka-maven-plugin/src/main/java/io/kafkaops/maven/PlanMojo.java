package io.kafkaops.maven;

import io.kafkaops.engine.PlanOutcome;
import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.store.CredentialStore;
import io.kafkaops.engine.validate.Validator;
import io.kafkaops.model.platform.Stage;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Shows the exact changes the repo's entities need on a stage's cluster: reads the cluster with batched Admin calls
 * (read rights are enough), prints the plan and writes {@code target/kafka/<stage>/plan.json} and {@code plan.md}.
 * Without {@code kafka.stage} the goal is skipped, so {@code mvn verify} works offline.
 */
@Mojo(name = "plan", threadSafe = true)
public class PlanMojo extends AbstractStageMojo {

    /**
     * Skip this goal only, for example {@code -Dkafka.plan.skip=true} in a build that runs several of the plugin's
     * goals; {@code kafka.skip} skips every goal of the plugin.
     */
    @Parameter(property = "kafka.plan.skip", defaultValue = "false")
    private boolean planSkip;

    /** Fail when the plan has changes: drift detection in nightly builds. */
    @Parameter(property = "kafka.failOnChanges", defaultValue = "false")
    private boolean failOnChanges;

    @Inject
    public PlanMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || planSkip) {
            getLog().info("Skipping the Kafka plan (" + (skip ? "kafka.skip" : "kafka.plan.skip") + "=true)");
            return;
        }
        if (stage == null || stage.isBlank()) {
            getLog().info("No Kafka plan: no stage given (set -Dkafka.stage=<stage> to plan against a cluster)");
            return;
        }
        Validator.Report report = runValidation();
        print(report.diagnostics());
        if (report.hasErrors()) {
            throw failure("The Kafka entities have validation errors; fix them before planning (see above)");
        }
        Stage s = requireStage(report.platform());
        String team = requireTeam(report);
        CredentialStore store = StoreSupport.storeOrNull(report.platform(), team, s.name(), project, getLog());
        PlanOutcome outcome;
        try {
            outcome = engine(report.platform()).plan(request(report, s, team, connection(report.platform(), s),
                    store));
        } catch (ClusterException e) {
            throw failedWith(e.getMessage(), e);
        }
        if (outcome.clusterNote() != null) getLog().info(outcome.clusterNote());
        printLines(outcome.lines());
        print(outcome.problems());
        getLog().info(outcome.summary());
        outcome.debugSessions().forEach(getLog()::info);
        getLog().info("Plan written to " + relative(outcome.planJson().toFile()) + " and "
                + relative(outcome.planMd().toFile()));
        if (outcome.hasErrors()) {
            throw failure("The plan for stage " + s.name() + " has problems that block a deploy (see above)");
        }
        if (failOnChanges && outcome.hasChanges()) {
            throw failure("Stage " + s.name() + " differs from the repo's Kafka entities (kafka.failOnChanges=true): "
                    + outcome.summary());
        }
    }
}
