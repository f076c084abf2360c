package io.kafkaops.maven;

import io.kafkaops.engine.PlatformNotFoundException;
import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.edit.EditRejectedException;
import io.kafkaops.engine.edit.EntityEditor;
import io.kafkaops.engine.edit.FileChange;
import io.kafkaops.engine.onboard.Onboarding;
import io.kafkaops.engine.validate.Validator;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Plural;
import io.kafkaops.model.Severity;
import io.kafkaops.model.platform.Stage;
import io.kafkaops.model.platform.Team;
import io.kafkaops.model.schema.Schemas;
import io.kafkaops.policy.PolicyConfigurationException;
import java.io.IOException;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Onboards an existing cluster: reads what the repository's team already has on a stage ({@code kafka.stage}) and
 * writes it as entity files, the way the entity-management goals write them ({@code topics.yaml},
 * {@code service-accounts.yaml}, {@code grants.yaml}, {@code acls.yaml} under {@code kafka.directory}).
 *
 * <ul>
 * <li>Topics in the team's topic prefixes, with partitions, replication factor and the configs set on the topic
 * itself (those that differ from the cluster's defaults), durations and sizes in units ({@code 7d}, {@code 1MiB}).</li>
 * <li>SCRAM users in the team's service-account prefixes as service accounts, {@code credentials: false} unless
 * {@code kafka.import.credentials} asks otherwise.</li>
 * <li>Their ACLs folded back into grants where they are exactly what a grant gives; the rest as raw ACLs, each with a
 * comment saying why.</li>
 * </ul>
 * Internal topics, entities outside the team's prefixes and entities another repository owns are skipped and counted.
 * The files are validated against the platform's policies like {@code kafka:validate}; what the policies reject is
 * listed and the import still writes the files, for the user to complete. Then {@code kafka:plan -Dkafka.adopt}
 * shows the adoptions. Needs read rights on the cluster only.
 */
@Mojo(name = "import", threadSafe = true)
public class ImportMojo extends AbstractStageMojo {

    /**
     * Write {@code credentials: true} for the imported service accounts that have a SCRAM user. Existing passwords
     * cannot be read, so the next deploy without {@code kafka.adopt} then issues new ones into the team's credential
     * store and replaces the passwords on the cluster. By default they are written with {@code credentials: false}:
     * the passwords stay as they are, unmanaged.
     */
    @Parameter(property = "kafka.import.credentials", defaultValue = "false")
    private boolean credentials;

    /**
     * Import into a repository whose files declare entities already: only what they do not declare is added (by topic
     * and service-account name, and by ACL binding); declared entities are never changed. Without it such an import is
     * refused.
     */
    @Parameter(property = "kafka.import.merge", defaultValue = "false")
    private boolean merge;

    /** Print the files the import would write, as a unified diff, and write nothing. */
    @Parameter(property = "kafka.dryRun", defaultValue = "false")
    private boolean dryRun;

    @Inject
    public ImportMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping kafka:import (kafka.skip=true)");
            return;
        }
        if (stage == null || stage.isBlank()) {
            throw new MojoExecutionException("kafka:import reads one stage's cluster: name it with -Dkafka.stage=<stage>");
        }
        Validator.Report report = runValidation();
        print(report.diagnostics());
        if (report.hasErrors()) {
            throw failure("The Kafka entities have validation errors; fix them before importing (see above)");
        }
        Stage s = requireStage(report.platform());
        requireTeam(report);
        Team t = report.team().orElseThrow();
        EntityEditor editor = new EntityEditor(validationRequest(),
                outputDirectory.toPath().resolve(Schemas.ENTITIES_FILE_NAME));
        Onboarding.Outcome outcome;
        try {
            outcome = new Onboarding(report.platform(), sessions(report.platform()))
                    .prepare(new Onboarding.Request(editor, report.model(), s, t, repository(),
                            connection(report.platform(), s), options(), credentials, merge));
        } catch (ClusterException e) {
            throw failedWith(e.getMessage(), e);
        } catch (EditRejectedException e) {
            print(e.diagnostics());
            throw failure(e.getMessage() + " (see above)");
        } catch (PlatformNotFoundException e) {
            throw new MojoExecutionException(e.getMessage() + ": " + e.hint(), e);
        } catch (PolicyConfigurationException e) {
            throw new MojoExecutionException("The platform definition configures a policy wrongly: " + e.getMessage()
                    + " (fix the policies section of the platform definition)", e);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot read the Kafka files under " + relative(directory) + ": "
                    + e.getMessage(), e);
        }
        outcome.imported().notes().forEach(getLog()::info);
        getLog().info(outcome.summary(s.name()));
        if (!outcome.result().hasChanges()) {
            getLog().info("Nothing to import: stage " + s.name() + " has no entities of team " + t.name()
                    + " that the files do not declare already");
            return;
        }
        if (dryRun) {
            for (FileChange c : outcome.result().changes()) {
                for (String line : c.diff().split("\n")) if (!line.isEmpty()) getLog().info(line);
            }
        } else {
            try {
                editor.write(outcome.result());
            } catch (EditRejectedException e) {
                print(e.diagnostics());
                throw failure(e.getMessage());
            } catch (IOException e) {
                throw new MojoExecutionException("Cannot write the Kafka files: " + e.getMessage(), e);
            }
            for (FileChange c : outcome.result().changes()) {
                getLog().info((c.created() ? "Created " : "Changed ") + c.displayName());
            }
        }
        outcome.result().summary().forEach(line -> getLog().info("  " + line));
        List<Diagnostic> rejected = outcome.result().warnings();
        print(rejected);
        long errors = rejected.stream().filter(d -> d.severity() == Severity.ERROR).count();
        if (errors > 0) {
            getLog().warn("The platform's policies report " + Plural.of(errors, "error") + " in the imported files"
                    + " (listed above): complete or change them (mvn kafka:validate checks again), then plan with"
                    + " -Dkafka.stage=" + s.name() + " -Dkafka.adopt=true");
        } else {
            getLog().info("The imported files pass validation; next: mvn kafka:plan -Dkafka.stage=" + s.name()
                    + " -Dkafka.adopt=true");
        }
        if (dryRun) getLog().info("Dry run (kafka.dryRun=true): nothing was written");
    }
}
