package io.kafkaops.maven;

import io.kafkaops.engine.RotateOutcome;
import io.kafkaops.engine.apply.RotationRefusedException;
import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.store.CredentialStore;
import io.kafkaops.engine.validate.Validator;
import io.kafkaops.model.platform.Stage;
import java.util.Arrays;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Gives service accounts new credentials, for use after a leak: for each, a new password is written as a new version
 * of its secret in the team's credential store, then set on the stage's cluster, where it replaces the old password
 * (which stops working at once). Applications that read the secret without a version get the new one when they
 * reconnect. Writes {@code target/kafka/<stage>/rotate.json}; never prints a secret.
 *
 * <p>{@code mvn kafka:rotate-credentials -Dkafka.stage=prod -Dkafka.serviceAccounts=billing-service}
 */
@Mojo(name = "rotate-credentials", threadSafe = true)
public class RotateCredentialsMojo extends AbstractStageMojo {

    /**
     * The service accounts to rotate, comma-separated logical names as in the repository's files (without the stage
     * prefix). Each must have {@code credentials: true}, be deployed to the stage and be owned by this repository there.
     */
    @Parameter(property = "kafka.serviceAccounts")
    private String serviceAccounts;

    @Inject
    public RotateCredentialsMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping the credential rotation (kafka.skip=true)");
            return;
        }
        if (stage == null || stage.isBlank()) {
            throw failure("Name the stage whose credentials to rotate: -Dkafka.stage=<stage>");
        }
        List<String> names = serviceAccounts == null ? List.of() : Arrays.stream(serviceAccounts.split(","))
                .map(String::strip).filter(n -> !n.isEmpty()).distinct().toList();
        if (names.isEmpty()) {
            throw failure("Name the service accounts to rotate: -Dkafka.serviceAccounts=<name>[,<name>...] (logical"
                    + " names, as in src/main/kafka)");
        }
        Validator.Report report = runValidation();
        print(report.diagnostics());
        if (report.hasErrors()) {
            throw failure("The Kafka entities have validation errors; nothing was rotated (see above)");
        }
        Stage s = requireStage(report.platform());
        String team = requireTeam(report);
        CredentialStore store = StoreSupport.requireStore(report.platform(), team, s.name(), project);
        RotateOutcome outcome;
        try {
            outcome = engine(report.platform()).rotate(request(report, s, team, connection(report.platform(), s),
                    store), names);
        } catch (ClusterException e) {
            throw failedWith(e.getMessage(), e);
        } catch (RotationRefusedException e) {
            print(e.problems());
            throw failure("Nothing was rotated on stage " + s.name() + " (see above)");
        }
        printLines(outcome.lines());
        getLog().info(outcome.summary());
        getLog().info("Rotation report written to " + relative(outcome.rotateJson().toFile()));
        if (!outcome.complete()) {
            throw new MojoExecutionException("The rotation on stage " + s.name() + " did not complete: see "
                    + relative(outcome.rotateJson().toFile()) + "; run it again to finish it");
        }
    }
}
