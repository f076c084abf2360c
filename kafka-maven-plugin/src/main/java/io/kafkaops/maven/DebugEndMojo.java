package io.kafkaops.maven;

import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.debug.DebugRefusedException;
import io.kafkaops.engine.debug.DebugSession;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Ends this repository's debug sessions on a stage before their time: revokes the credential, removes what the
 * placement created (the local client settings file) and records the end. Sessions past their expiry are ended too.
 *
 * <p>{@code mvn kafka:debug-end -Dkafka.stage=dev [-Dkafka.session=dbg-0123456789ab]}
 */
@Mojo(name = "debug-end", threadSafe = true)
public class DebugEndMojo extends AbstractDebugMojo {

    /** The session to end ({@code dbg-...}, as kafka:debug printed it); all of this repository's open ones when absent. */
    @Parameter(property = "kafka.session")
    private String sessionId;

    @Inject
    public DebugEndMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping the end of debug sessions (kafka.skip=true)");
            return;
        }
        String id = sessionId == null || sessionId.isBlank() ? null : sessionId.strip();
        if (id != null && !DebugSession.isId(id)) {
            throw failure("kafka.session: '" + id + "' is not a debug session id (dbg- and 12 hex digits, as"
                    + " kafka:debug and kafka:debug-list print it)");
        }
        Context c = context("end debug sessions");
        List<DebugSession> ended;
        try {
            ended = engine(c.report().platform()).endDebug(c.request(), id);
        } catch (DebugRefusedException e) {
            throw refused(e);
        } catch (ClusterException e) {
            throw clusterFailure(e);
        }
        if (ended.isEmpty()) {
            getLog().info("No open debug session of this repository on stage " + c.stage().name());
        } else {
            getLog().info("Ended " + ended.size() + " debug session" + (ended.size() == 1 ? "" : "s") + " on stage "
                    + c.stage().name() + ":");
            printSessions(ended);
        }
    }
}
