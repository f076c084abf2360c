package io.kafkaops.maven;

import io.kafkaops.engine.StageRequest;
import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.debug.DebugRefusedException;
import io.kafkaops.engine.debug.DebugSession;
import io.kafkaops.engine.debug.DebugSessions;
import io.kafkaops.engine.validate.Validator;
import io.kafkaops.model.platform.Stage;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** Shared by the debug-session goals: the validated repository, its stage, team and the admin connection. */
abstract class AbstractDebugMojo extends AbstractStageMojo {

    /** Where the user who starts a session is named, first found wins: CI systems, then the OS user. */
    static final List<String> STARTED_BY_ENV = List.of("GITHUB_ACTOR", "BUILD_REQUESTEDFOREMAIL",
            "BUILD_REQUESTEDFOR", "GITLAB_USER_LOGIN", "BUILD_USER_ID");

    protected AbstractDebugMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    /** What the goal works on. */
    record Context(Validator.Report report, Stage stage, StageRequest request) {
    }

    protected Context context(String doing) throws MojoExecutionException, MojoFailureException {
        if (stage == null || stage.isBlank()) {
            throw failure("Name the stage to " + doing + " on: -Dkafka.stage=<stage>");
        }
        Validator.Report report = runValidation();
        print(report.diagnostics());
        if (report.hasErrors()) {
            throw failure("The Kafka entities have validation errors; no debug session was changed (see above)");
        }
        Stage s = requireStage(report.platform());
        String team = requireTeam(report);
        return new Context(report, s, request(report, s, team, connection(report.platform(), s), null));
    }

    /** Who starts a session: the CI user when a pipeline runs the goal, else {@code user.name}. */
    static String startedBy() {
        for (String name : STARTED_BY_ENV) {
            String value = System.getenv(name);
            if (value != null && !value.isBlank()) return value.strip();
        }
        return System.getProperty("user.name", "unknown");
    }

    protected MojoFailureException refused(DebugRefusedException e) {
        print(e.problems());
        return failure(e.getMessage());
    }

    protected static MojoExecutionException clusterFailure(ClusterException e) {
        return failedWith(e.getMessage(), e);
    }

    protected void printSessions(List<DebugSession> sessions) {
        for (DebugSession s : sessions) getLog().info("  " + DebugSessions.describe(s));
    }
}
