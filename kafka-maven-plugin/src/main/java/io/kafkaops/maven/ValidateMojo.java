package io.kafkaops.maven;

import io.kafkaops.engine.validate.SarifWriter;
import io.kafkaops.engine.validate.Validator;
import io.kafkaops.model.Plural;
import io.kafkaops.model.Severity;
import io.kafkaops.model.schema.Schemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks the repo's Kafka entity files offline against the JSON schema and the platform's policies. Prints every
 * problem at once as {@code file:line:col: LEVEL [rule] message (hint)}, writes {@code target/kafka/validation.sarif}
 * and the entity JSON schema, and fails on any error.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class ValidateMojo extends AbstractKafkaMojo {

    /** Fail the build on warnings too. */
    @Parameter(property = "kafka.failOnWarning", defaultValue = "false")
    private boolean failOnWarning;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping Kafka entity validation (kafka.skip=true)");
            return;
        }
        if (!directory.exists()) {
            // a file where the directory belongs is reported by the validation ("is a file, not a directory")
            getLog().info("No Kafka entities to validate: " + relative(directory) + " does not exist");
            return;
        }
        Validator.Report report = runValidation();
        if (report.platformMissing()) {
            getLog().info("No platform definition (" + Validator.DEFAULT_PLATFORM + " is not on the plugin's classpath):"
                    + " checking schema and structure only; set kafka.platform to apply the platform's policies");
        }
        print(report.diagnostics());
        Path out = outputDirectory.toPath();
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve(Schemas.ENTITIES_FILE_NAME), Schemas.entitiesSchema(), StandardCharsets.UTF_8);
            Map<String, String> rules = new HashMap<>();
            new SarifWriter("kafka-maven-plugin", getClass().getPackage().getImplementationVersion(), null)
                    .write(report.diagnostics(), rules, out.resolve("validation.sarif"));
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the validation report to " + out + ": " + e.getMessage(), e);
        }

        long errors = report.count(Severity.ERROR);
        long warnings = report.count(Severity.WARN);
        getLog().info("Validated " + Plural.of(report.model().topics().size(), "topic") + ", "
                + Plural.of(report.model().serviceAccounts().size(), "service account") + ", "
                + Plural.of(report.model().grants().size(), "grant") + ", "
                + Plural.of(report.model().acls().size(), "ACL") + " in "
                + Plural.of(report.model().files().size(), "file")
                + report.team().map(t -> " (team " + t.name() + ")").orElse("") + ": " + Plural.of(errors, "error")
                + ", " + Plural.of(warnings, "warning"));
        if (errors > 0 || (failOnWarning && warnings > 0)) {
            throw new MojoFailureException("Kafka entity validation failed with " + Plural.of(errors, "error")
                    + " and " + Plural.of(warnings, "warning") + "; see the lines above or " + relative(out.resolve("validation.sarif").toFile()));
        }
    }
}
