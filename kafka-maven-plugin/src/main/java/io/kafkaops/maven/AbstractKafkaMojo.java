package io.kafkaops.maven;

import io.kafkaops.engine.PlatformNotFoundException;
import io.kafkaops.engine.validate.Validator;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Severity;
import io.kafkaops.policy.PolicyConfigurationException;
import java.io.File;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** Parameters every goal shares, and the mapping of engine results to Maven output. */
abstract class AbstractKafkaMojo extends AbstractMojo {

    static {
        // Kafka's client logs every connection and config dump at INFO, which would bury the plan in the build
        // output. Maven's logger reads these properties when a logger is created; a user's own -D setting wins.
        quietLogger("org.apache.kafka", "warn");
        AzureSdkLogging.quiet();
    }

    private static void quietLogger(String packageName, String level) {
        String key = "org.slf4j.simpleLogger.log." + packageName;
        if (System.getProperty(key) == null) {
            System.setProperty(key, level);
        }
    }

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** Skip the goal. */
    @Parameter(property = "kafka.skip", defaultValue = "false")
    protected boolean skip;

    /** The directory holding the repo's Kafka entity files ({@code *.yaml}, {@code *.yml}, searched recursively). */
    @Parameter(property = "kafka.directory", defaultValue = "${project.basedir}/src/main/kafka")
    protected File directory;

    /**
     * The platform definition: {@code classpath:<resource>} from a dependency added to the plugin, or a file path
     * relative to the project. Default {@code classpath:kafka-platform.yaml}; when that does not exist the goals run
     * with schema and structural checks only.
     */
    @Parameter(property = "kafka.platform")
    protected String platform;

    /** The repo's team, when the platform definition's repository patterns do not already say it. */
    @Parameter(property = "kafka.team")
    protected String team;

    /** Where reports, plans and the JSON schema are written. */
    @Parameter(property = "kafka.outputDirectory", defaultValue = "${project.build.directory}/kafka")
    protected File outputDirectory;

    protected Validator.Request validationRequest() {
        return new Validator.Request(project.getBasedir().toPath(), directory.toPath(), project.getGroupId(),
                project.getArtifactId(), platform, team, getClass().getClassLoader());
    }

    protected Validator.Report runValidation() throws MojoExecutionException {
        try {
            return Validator.validate(validationRequest());
        } catch (PlatformNotFoundException e) {
            throw new MojoExecutionException(e.getMessage() + ": " + e.hint(), e);
        } catch (PolicyConfigurationException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    /** Prints diagnostics, one line each, at the log level matching their severity. */
    protected void print(List<Diagnostic> diagnostics) {
        Log log = getLog();
        for (Diagnostic d : diagnostics) {
            String line = d.format();
            if (d.severity() == Severity.ERROR) log.error(line);
            else if (d.severity() == Severity.WARN) log.warn(line);
            else log.info(line);
        }
    }

    /**
     * A goal failure whose message is complete on its own: the cause is kept for {@code -e} as a suppressed exception,
     * not as the cause, because Maven appends the message of every cause in the chain (or, when one has none, its class
     * name, such as "ClosedChannelException") to the one line it prints.
     */
    static MojoExecutionException failedWith(String message, Throwable cause) {
        MojoExecutionException failure = new MojoExecutionException(message);
        if (cause != null) {
            failure.addSuppressed(cause);
        }
        return failure;
    }

    protected String relative(File f) {
        try {
            return project.getBasedir().toPath().relativize(f.toPath()).toString().replace('\\', '/');
        } catch (IllegalArgumentException e) {
            return f.getPath();
        }
    }
}
