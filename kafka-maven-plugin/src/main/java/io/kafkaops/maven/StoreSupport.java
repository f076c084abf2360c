package io.kafkaops.maven;

import io.kafkaops.engine.store.CredentialStore;
import io.kafkaops.engine.store.CredentialStoreException;
import io.kafkaops.engine.store.CredentialStores;
import io.kafkaops.model.platform.PlatformDefinition;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/** Opens the team's credential store for a stage and turns store problems into Maven errors with a hint. */
final class StoreSupport {

    /**
     * Loggers of the Azure SDK, MSAL and Reactor. They report every failed call themselves, at ERROR level and with
     * stack traces, before the store turns the same failure into one message that says what to do; and at INFO they
     * narrate each sign-in attempt. The goals print the store's message only.
     */
    static final List<String> AZURE_LOGGERS = List.of("com.azure", "com.microsoft.aad.msal4j", "reactor");

    private static final String SIMPLE_LOGGER_PREFIX = "org.slf4j.simpleLogger.log.";

    private StoreSupport() {
    }

    /**
     * Switches the Azure SDK's own logging off in Maven's logger (which takes per-logger levels from system properties
     * when a logger is first created), unless the user set a level, for example
     * {@code -Dorg.slf4j.simpleLogger.log.com.azure=debug} to see the SDK's HTTP traffic. Our own messages go through
     * the goal's log and are not affected.
     */
    static void quietAzureLogging() {
        for (String logger : AZURE_LOGGERS) {
            String key = SIMPLE_LOGGER_PREFIX + logger;
            if (System.getProperty(key) == null) System.setProperty(key, "off");
        }
    }

    /** The store for deploy: it must exist, since new credentials go nowhere else. */
    static CredentialStore requireStore(PlatformDefinition platform, String team, String stage, MavenProject project)
            throws MojoExecutionException {
        quietAzureLogging();
        try {
            return CredentialStores.forStage(platform, team, stage, project.getBasedir().toPath());
        } catch (CredentialStoreException e) {
            throw new MojoExecutionException("Cannot open the credential store of team " + team + " for stage " + stage
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * The store for plan, which only reads secret names to show lost credentials. When the team configured none for
     * the stage, the plan goes on without that check and says so.
     */
    static CredentialStore storeOrNull(PlatformDefinition platform, String team, String stage, MavenProject project,
                                       Log log) throws MojoExecutionException {
        boolean configured = platform.team(team).map(t -> platform.secretStore(t, stage) != null).orElse(false);
        if (!configured) {
            log.info("Team " + team + " has no secret store for stage " + stage
                    + ": the plan does not check that credentials are stored");
            return null;
        }
        return requireStore(platform, team, stage, project);
    }
}
