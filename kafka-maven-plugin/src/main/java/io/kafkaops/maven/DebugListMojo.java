package io.kafkaops.maven;

import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.debug.DebugSessions;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Lists the open debug sessions on a stage, of every repository: id, account, who started it, when it ends, why.
 * Sessions past their expiry are ended first.
 *
 * <p>{@code mvn kafka:debug-list -Dkafka.stage=dev}
 */
@Mojo(name = "debug-list", threadSafe = true)
public class DebugListMojo extends AbstractDebugMojo {

    @Inject
    public DebugListMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping the list of debug sessions (kafka.skip=true)");
            return;
        }
        Context c = context("list debug sessions");
        DebugSessions.Sweep sweep;
        try {
            sweep = engine(c.report().platform()).listDebug(c.request());
        } catch (ClusterException e) {
            throw clusterFailure(e);
        }
        sweep.ended().forEach(s -> getLog().info("Ended expired debug session " + s.id() + " (account " + s.account()
                + ", expired " + s.expiry() + ")"));
        sweep.notices().forEach(getLog()::warn);
        if (sweep.open().isEmpty()) {
            getLog().info("No open debug session on stage " + c.stage().name());
        } else {
            getLog().info(sweep.open().size() + " open debug session" + (sweep.open().size() == 1 ? "" : "s")
                    + " on stage " + c.stage().name() + ":");
            printSessions(sweep.open());
        }
    }
}
