package io.kafkaops.maven;

import io.kafkaops.engine.PlatformNotFoundException;
import io.kafkaops.engine.edit.EditParameters;
import io.kafkaops.engine.edit.EditRejectedException;
import io.kafkaops.engine.edit.EditResult;
import io.kafkaops.engine.edit.EntityEdit;
import io.kafkaops.engine.edit.EntityEditor;
import io.kafkaops.engine.edit.FileChange;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Location;
import io.kafkaops.model.Suggestions;
import io.kafkaops.model.schema.Schemas;
import io.kafkaops.policy.PolicyConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.shared.utils.logging.MessageUtils;

/**
 * The entity-management goals: read {@code -Dkafka.*} parameters, let the {@link EntityEditor} apply and validate the
 * request, then print what changed (or, with {@code kafka.dryRun}, the diff) and write. A rejected request prints
 * every diagnostic and fails without writing anything.
 */
abstract class AbstractEditMojo extends AbstractKafkaMojo {

    /** File name of the change report in {@code kafka.outputDirectory}. */
    static final String REPORT = "entity-change.md";

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    protected MojoExecution mojoExecution;

    /**
     * The file new entities are added to, relative to {@code kafka.directory} (e.g. {@code streams/payments.yaml});
     * created with a schema modeline when missing. Default: the first file (in path order) that already holds
     * entities of that kind, else {@code topics.yaml}, {@code service-accounts.yaml} or {@code grants.yaml}.
     * Existing entities are always changed where they are.
     */
    @Parameter(property = EditParameters.FILE)
    protected String file;

    /** Print the change as a unified diff and write nothing. */
    @Parameter(property = EditParameters.DRY_RUN, defaultValue = "false")
    protected boolean dryRun;

    /** The request from this goal's parameters. */
    protected abstract EntityEdit edit() throws EditRejectedException;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        String goal = "kafka:" + mojoExecution.getGoal();
        if (skip) {
            getLog().info("Skipping " + goal + " (kafka.skip=true)");
            return;
        }
        checkParameterNames(goal);
        try {
            // a report from an earlier run must not pass for this one's
            Files.deleteIfExists(outputDirectory.toPath().resolve(REPORT));
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot delete the old " + REPORT + ": " + e.getMessage(), e);
        }
        EntityEditor editor = new EntityEditor(validationRequest(),
                outputDirectory.toPath().resolve(Schemas.ENTITIES_FILE_NAME));
        EditResult result;
        try {
            EntityEdit edit = edit();
            result = editor.prepare(edit, EditParameters.file(file));
        } catch (EditRejectedException e) {
            print(e.diagnostics());
            throw new MojoFailureException(e.getMessage() + " (see above)");
        } catch (PlatformNotFoundException e) {
            throw new MojoExecutionException(e.getMessage() + ": " + e.hint(), e);
        } catch (PolicyConfigurationException e) {
            throw new MojoExecutionException("The platform definition configures a policy wrongly: " + e.getMessage()
                    + " (fix the policies section of the platform definition)", e);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot read the Kafka files under " + relative(directory) + ": "
                    + e.getMessage(), e);
        }
        print(result.warnings());
        if (!result.hasChanges()) {
            result.summary().forEach(getLog()::info);
            getLog().info("Nothing to change: the Kafka files already say what was asked");
            return;
        }
        if (dryRun) {
            for (FileChange c : result.changes()) printDiff(c.diff());
            result.summary().forEach(getLog()::info);
            writeReport(goal + " (dry run: nothing was written)", result);
            getLog().info("Dry run (" + EditParameters.DRY_RUN + "=true): nothing was written");
            return;
        }
        try {
            editor.write(result);
        } catch (EditRejectedException e) {
            print(e.diagnostics());
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the Kafka files: " + e.getMessage(), e);
        }
        for (FileChange c : result.changes()) getLog().info((c.created() ? "Created " : "Changed ") + c.displayName());
        result.summary().forEach(line -> getLog().info("  " + line));
        writeReport(goal, result);
    }

    /** {@code target/kafka/entity-change.md}: the summary and diff, as a pull-request description for pipelines. */
    private void writeReport(String title, EditResult result) throws MojoExecutionException {
        Path report = outputDirectory.toPath().resolve(REPORT);
        try {
            Files.createDirectories(report.getParent());
            Files.writeString(report, result.markdown(title), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write " + report + ": " + e.getMessage(), e);
        }
        getLog().info("Summary for a pull request: " + relative(report.toFile()));
    }

    private void printDiff(String diff) {
        for (String line : diff.split("\n", -1)) {
            if (line.isEmpty()) continue;
            String text;
            if (line.startsWith("+") && !line.startsWith("+++")) text = MessageUtils.buffer().success(line).toString();
            else if (line.startsWith("-") && !line.startsWith("---")) text = MessageUtils.buffer().failure(line).toString();
            else text = line;
            getLog().info(text);
        }
    }

    /**
     * Maven ignores a mistyped {@code -D}: {@code -Dkafka.partiton=6} would add a topic with the default partitions.
     * A {@code kafka.*} property close to one of this goal's parameters (and no parameter of any goal) fails the
     * build; a parameter of another entity-management goal is reported as ignored.
     */
    private void checkParameterNames(String goal) throws MojoFailureException {
        Set<String> mine = properties(mojoExecution.getMojoDescriptor());
        Set<String> all = new HashSet<>();
        for (MojoDescriptor d : mojoExecution.getMojoDescriptor().getPluginDescriptor().getMojos()) {
            all.addAll(properties(d));
        }
        List<Diagnostic> problems = new ArrayList<>();
        for (String key : new TreeSet<>(session.getUserProperties().stringPropertyNames())) {
            if (!key.startsWith("kafka.") || mine.contains(key)) continue;
            if (all.contains(key)) {
                getLog().warn("-D" + key + " is not a parameter of " + goal + " and is ignored");
                continue;
            }
            Optional<String> close = Suggestions.closest(key, mine);
            close.ifPresent(s -> problems.add(Diagnostic.error("parameter", "-D" + key + " is not a parameter of "
                    + goal, Location.ofFile("command line"), Suggestions.didYouMeanText("-D" + s))));
        }
        if (!problems.isEmpty()) {
            print(problems);
            throw new MojoFailureException("Unknown parameter(s) for " + goal + "; nothing was changed (see above)");
        }
    }

    private static Set<String> properties(MojoDescriptor d) {
        Set<String> out = new HashSet<>();
        if (d.getParameters() == null) return out;
        for (org.apache.maven.plugin.descriptor.Parameter p : d.getParameters()) {
            String e = p.getExpression();
            if (e != null && e.startsWith("${") && e.endsWith("}")) out.add(e.substring(2, e.length() - 1));
        }
        return out;
    }

    /** Raw parameter values keyed by property name; absent ones are left out. */
    protected static Map<String, String> raw(String... propertyValuePairs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < propertyValuePairs.length; i += 2) {
            if (propertyValuePairs[i + 1] != null) m.put(propertyValuePairs[i], propertyValuePairs[i + 1]);
        }
        return m;
    }
}
