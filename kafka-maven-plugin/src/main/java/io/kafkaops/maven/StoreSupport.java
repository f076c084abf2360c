package io.kafkaops.maven;

import io.kafkaops.engine.store.CredentialStore;
import io.kafkaops.engine.store.CredentialStoreException;
import io.kafkaops.engine.store.CredentialStores;
import io.kafkaops.model.platform.PlatformDefinition;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/** Opens the team's credential store for a stage and turns store problems into Maven errors with a hint. */
final class StoreSupport {

    private StoreSupport() {
    }

    /** The store for deploy: it must exist, since new credentials go nowhere else. */
    static CredentialStore requireStore(PlatformDefinition platform, String team, String stage, MavenProject project)
            throws MojoExecutionException {
        try {
            Path buildDir = project.getBuild() == null || project.getBuild().getDirectory() == null
                    ? project.getBasedir().toPath().resolve("target") : Path.of(project.getBuild().getDirectory());
            return CredentialStores.forStage(platform, team, stage, project.getBasedir().toPath(), buildDir);
        } catch (CredentialStoreException e) {
            throw AbstractKafkaMojo.failedWith("Cannot open the credential store of team " + team + " for stage " + stage
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
