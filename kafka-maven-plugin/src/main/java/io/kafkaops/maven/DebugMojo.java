package io.kafkaops.maven;

import io.kafkaops.engine.DebugOutcome;
import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.debug.DebugRefusedException;
import io.kafkaops.engine.debug.LocalPlacement;
import io.kafkaops.engine.debug.kubernetes.KubernetesPlacement;
import io.kafkaops.engine.debug.kubernetes.KubernetesPlacementException;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Units;
import java.time.Duration;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Starts a debug session: time-boxed access to the stage's cluster with exactly the rights of one of this
 * repository's service accounts, never more. On Apache Kafka the credential is a delegation token owned by the
 * account's principal, which the broker stops accepting at the end of the session. The session is recorded in the
 * ownership topic; every plan, deploy and debug goal on the stage ends it once expired, even when this process is gone.
 * With the {@code local} placement the client settings go to {@code target/kafka/<stage>/debug/<id>.properties}
 * (readable by you only, deleted at the end); the goal prints the path, never the secret.
 *
 * <p>{@code mvn kafka:debug -Dkafka.stage=dev -Dkafka.account=billing-service -Dkafka.lifetime=30m
 * -Dkafka.reason="INC-42 missing invoices"}
 */
@Mojo(name = "debug", threadSafe = true)
public class DebugMojo extends AbstractDebugMojo {

    /**
     * The service account to debug as: a logical name as in this repository's files. It must be deployed to the stage
     * and owned by this repository there, and have ACLs.
     */
    @Parameter(property = "kafka.account")
    private String account;

    /**
     * How long the session lasts: a duration such as {@code 30m}, {@code 1h} or {@code 8h}, at most the stage's
     * {@code debug.maxLifetime} (8h when the platform definition says nothing).
     */
    @Parameter(property = "kafka.lifetime", defaultValue = "1h")
    private String lifetime;

    /** Why the session is needed; recorded with it. Required on stages with {@code debug.requireReason: true}. */
    @Parameter(property = "kafka.reason")
    private String reason;

    /** Where the credential goes: {@code local} (a file under target/kafka/&lt;stage&gt;/debug/) or {@code kubernetes}. */
    @Parameter(property = "kafka.debug.placement", defaultValue = LocalPlacement.KIND)
    private String placement;

    @Inject
    public DebugMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping the debug session (kafka.skip=true)");
            return;
        }
        if (account == null || account.isBlank()) {
            throw failure("Name the service account to debug as: -Dkafka.account=<name> (a logical name, as in"
                    + " src/main/kafka)");
        }
        Duration duration;
        try {
            duration = Duration.ofMillis(Units.parseDurationMs(lifetime));
        } catch (IllegalArgumentException e) {
            throw failure("kafka.lifetime: " + e.getMessage() + " (for example 30m or 1h)");
        }
        Context c = context("start a debug session");
        String where = placement == null ? LocalPlacement.KIND : placement.strip();
        if (KubernetesPlacement.KIND.equals(where)) {
            List<Diagnostic> problems = KubernetesPlacement.check(c.stage(), c.request().team());
            if (!problems.isEmpty()) {
                print(problems);
                throw failure("Cannot start a debug session on Kubernetes on stage " + c.stage().name()
                        + "; nothing was created (see above)");
            }
        }
        DebugOutcome outcome;
        try {
            outcome = engine(c.report().platform()).startDebug(c.request(), account, duration, reason,
                    where, startedBy());
        } catch (DebugRefusedException e) {
            throw refused(e);
        } catch (ClusterException e) {
            throw clusterFailure(e);
        } catch (KubernetesPlacementException e) {
            throw new MojoExecutionException(e.getMessage() + " (the session's credential was revoked again; check"
                    + " the pipeline's Kubernetes identity: it needs to create and delete Jobs and Secrets in the team's"
                    + " namespace)", e);
        }
        outcome.swept().forEach(getLog()::info);
        getLog().info("Debug session " + outcome.session().id() + " on stage " + c.stage().name() + " as "
                + outcome.session().account() + " (" + outcome.session().principal() + "), until "
                + outcome.session().expiry() + " (" + outcome.session().credentialKind() + " "
                + outcome.session().credentialId() + ")");
        getLog().info(outcome.howToUse());
        getLog().info("End it earlier with: mvn kafka:debug-end -Dkafka.stage=" + c.stage().name()
                + " -Dkafka.session=" + outcome.session().id());
    }
}
