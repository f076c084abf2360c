package io.kafkaops.maven;

import io.kafkaops.engine.debug.tools.ToolCredentials;
import io.kafkaops.engine.debug.tools.ToolException;
import io.kafkaops.engine.store.CredentialStore;
import io.kafkaops.engine.store.file.FileCredentialStore;
import io.kafkaops.engine.validate.Validator;
import io.kafkaops.model.Severity;
import io.kafkaops.model.platform.Cluster;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.model.platform.Stage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Shared by kafka:topics, kafka:consume and kafka:produce: which credentials to use ({@link ToolCredentials}), the
 * stage's broker for an embedded stage, and how a tool's failure reaches Maven (a missing right fails the goal, an
 * unreachable cluster is an execution error). Never prints a credential: only where it came from.
 */
abstract class AbstractToolMojo extends AbstractStageMojo {

    /**
     * The debug session whose credential to use: its id ({@code dbg-...}), as kafka:debug printed it. Without it, the
     * only open local session of the stage (of {@code kafka.account}, when given) is used.
     */
    @Parameter(property = "kafka.session")
    protected String sessionId;

    /**
     * The service account (logical name, as in src/main/kafka) to act as. Picks the open local debug session of that
     * account; on an embedded stage without such a session, the account's stored credentials from the team's
     * credential store (written by kafka:deploy and kafka:run).
     */
    @Parameter(property = "kafka.account")
    protected String account;

    protected AbstractToolMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    /** The client settings to use on the stage; says where they came from (never what they are). */
    protected ToolCredentials.Access access() throws MojoExecutionException, MojoFailureException {
        if (stage == null || stage.isBlank()) {
            throw failure("Name the stage: -Dkafka.stage=<stage>");
        }
        Validator.Report report = runValidation();
        PlatformDefinition platform = report.platform();
        if (platform == null) {
            print(report.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).toList());
            throw failure("The platform definition has errors (see above)");
        }
        Stage s = requireStage(platform);
        Cluster cluster = platform.clusters().get(s.cluster());
        boolean embedded = cluster != null && cluster.isEmbedded();
        ToolCredentials.Access access;
        try {
            Optional<ToolCredentials.Access> session = ToolCredentials.fromSession(outputDirectory.toPath(), s.name(),
                    sessionId, account, Instant.now());
            if (session.isPresent()) {
                access = session.get().withAccount(s.physicalName(session.get().account()));
            } else if (account != null && !account.isBlank() && embedded) {
                access = stored(report, s, account.strip());
            } else {
                throw failure("No credentials to use on stage " + s.name() + ": there is no open local debug session"
                        + (account == null || account.isBlank() ? "" : " of account " + account.strip())
                        + " under " + relative(outputDirectory.toPath().resolve(s.name()).resolve("debug").toFile())
                        + ". Start one with mvn kafka:debug -Dkafka.stage=" + s.name()
                        + " -Dkafka.account=<account>" + (embedded ? ", or name the account whose stored credentials"
                        + " to use with -Dkafka.account=<account>" : "") + ".");
            }
        } catch (ToolException e) {
            throw failure(e.getMessage());
        }
        if (embedded) {
            // the embedded broker listens on a new port each build: the settings' address may be an earlier build's
            access = access.withBootstrapServers(connection(platform, s).bootstrapServers());
        }
        getLog().info("Using " + access.source() + " on stage " + s.name());
        return access;
    }

    private ToolCredentials.Access stored(Validator.Report report, Stage s, String logical)
            throws MojoExecutionException, ToolException {
        String teamName = requireTeam(report);
        CredentialStore store = StoreSupport.requireStore(report.platform(), teamName, s.name(), project);
        String principal = s.physicalName(logical);
        if (!(store instanceof FileCredentialStore file)) {
            throw new ToolException("the credential store of team " + teamName + " for stage " + s.name() + " ("
                    + store.describe() + ") is not a file store; use a debug session (mvn kafka:debug)");
        }
        Path props = file.propertiesDirectory().resolve(principal + ".properties");
        return ToolCredentials.fromStoredProperties(props, principal, s.name(), store.describe());
    }

    protected Duration timeout() {
        return Duration.ofSeconds(Math.max(1, timeoutSeconds));
    }

    /** A missing right fails the goal (the request is refused); anything else is an execution problem. */
    protected static void rethrow(ToolException e) throws MojoExecutionException, MojoFailureException {
        if (e.denied()) throw new MojoFailureException(e.getMessage());
        throw failedWith(e.getMessage(), null);
    }
}
