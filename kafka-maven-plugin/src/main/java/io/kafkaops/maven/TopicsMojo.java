package io.kafkaops.maven;

import io.kafkaops.engine.debug.tools.ToolCredentials;
import io.kafkaops.engine.debug.tools.ToolException;
import io.kafkaops.engine.debug.tools.TopicList;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Lists the topics a debug session's account (or, on an embedded stage, a service account) may see, with their
 * partition counts: exactly the topics the broker lets it describe.
 *
 * <p>{@code mvn kafka:topics -Dkafka.stage=dev} (the only open debug session of the stage), or
 * {@code -Dkafka.session=dbg-...}, or on an embedded stage {@code -Dkafka.account=billing-service}
 */
@Mojo(name = "topics", threadSafe = true)
public class TopicsMojo extends AbstractToolMojo {

    @Inject
    public TopicsMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping kafka:topics (kafka.skip=true)");
            return;
        }
        ToolCredentials.Access access = access();
        try {
            TopicList.lines(TopicList.list(access, timeout()), access.account()).forEach(getLog()::info);
        } catch (ToolException e) {
            rethrow(e);
        }
    }
}
