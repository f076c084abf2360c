package io.kafkaops.maven;

import io.kafkaops.engine.debug.tools.Produce;
import io.kafkaops.engine.debug.tools.ProduceInput;
import io.kafkaops.engine.debug.tools.ToolCredentials;
import io.kafkaops.engine.debug.tools.ToolException;
import java.io.File;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Writes records to one topic with a debug session's credential (or, on an embedded stage, a service account's),
 * with {@code acks=all}, and prints the partition and offset of each. The records come from {@code kafka.file} (one a
 * line: {@code value}, {@code key<TAB>value} or {@code key<TAB>value<TAB>name=value,...}) or from {@code kafka.value}
 * with {@code kafka.key} and {@code kafka.headers}.
 *
 * <p>{@code mvn kafka:produce -Dkafka.stage=dev -Dkafka.topic=dev.billing.invoices.v1 -Dkafka.key=INV-1
 * -Dkafka.value='{"amount":12}'}
 */
@Mojo(name = "produce", threadSafe = true)
public class ProduceMojo extends AbstractToolMojo {

    /** The topic to write to, by its name on the cluster (with the stage's prefix, as kafka:topics lists it). */
    @Parameter(property = "kafka.topic")
    private String topic;

    /**
     * A UTF-8 file with one record per line: {@code value}, {@code key<TAB>value}, or
     * {@code key<TAB>value<TAB>headers} with headers as {@code name=value} pairs separated by commas; an empty key field
     * means no key, empty lines are skipped.
     */
    @Parameter(property = "kafka.file")
    private File file;

    /** The value of the one record to write when no {@code kafka.file} is given. */
    @Parameter(property = "kafka.value")
    private String value;

    /** The key of the record of {@code kafka.value}; none when not set. */
    @Parameter(property = "kafka.key")
    private String key;

    /** Headers of the record of {@code kafka.value}: {@code name=value} pairs separated by commas. */
    @Parameter(property = "kafka.headers")
    private String headers;

    /**
     * Produce idempotently (no duplicates from retries). Needs only WRITE on the topic since Kafka 2.8; set it to
     * false for an older broker that asks for IDEMPOTENT_WRITE on the cluster the account does not have.
     */
    @Parameter(property = "kafka.idempotence", defaultValue = "true")
    private boolean idempotence;

    @Inject
    public ProduceMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping kafka:produce (kafka.skip=true)");
            return;
        }
        if (topic == null || topic.isBlank()) throw failure("Name the topic to write to: -Dkafka.topic=<topic>");
        if (file != null && value != null) {
            throw failure("Give either kafka.file or kafka.value, not both");
        }
        List<ProduceInput.Line> lines;
        try {
            lines = file != null ? ProduceInput.fromFile(file.toPath())
                    : List.of(ProduceInput.fromCommandLine(key, value, headers));
        } catch (ToolException e) {
            throw failure(e.getMessage());
        }
        ToolCredentials.Access access = access();
        try {
            Produce.run(access, new Produce.Request(topic.strip(), lines, idempotence, timeout()), getLog()::info);
        } catch (ToolException e) {
            rethrow(e);
        }
    }
}
