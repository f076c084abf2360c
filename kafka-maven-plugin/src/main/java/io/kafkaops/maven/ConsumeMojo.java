package io.kafkaops.maven;

import io.kafkaops.engine.debug.tools.Consume;
import io.kafkaops.engine.debug.tools.StartPosition;
import io.kafkaops.engine.debug.tools.ToolCredentials;
import io.kafkaops.engine.debug.tools.ToolException;
import io.kafkaops.model.Units;
import java.time.Clock;
import java.time.Duration;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Reads records of one topic with a debug session's credential (or, on an embedded stage, a service account's) and
 * prints each on one line: partition, offset, timestamp, key, headers and value (UTF-8 text, else marked hex), then a
 * summary. Stops by itself: after {@code kafka.records} records, after {@code kafka.duration} when given, else at the
 * end the topic had when it started. Without {@code kafka.group} it commits nothing and needs no group ACL.
 *
 * <p>{@code mvn kafka:consume -Dkafka.stage=dev -Dkafka.topic=dev.billing.invoices.v1 -Dkafka.from=15m}
 */
@Mojo(name = "consume", threadSafe = true)
public class ConsumeMojo extends AbstractToolMojo {

    /** The topic to read, by its name on the cluster (with the stage's prefix, as kafka:topics lists it). */
    @Parameter(property = "kafka.topic")
    private String topic;

    /**
     * A consumer group the account may use; its offsets are committed for the records printed. Without one, the goal
     * reads every partition without a group and commits nothing.
     */
    @Parameter(property = "kafka.group")
    private String group;

    /**
     * Where to start: {@code earliest}, {@code latest}, an ISO-8601 time ({@code 2026-12-04T10:15:30Z}) or a duration
     * ago ({@code 15m}, {@code 2h}). Default: earliest; with a group, the group's committed offsets (earliest where it
     * has none).
     */
    @Parameter(property = "kafka.from")
    private String from;

    /** The most records to print. */
    @Parameter(property = "kafka.records", defaultValue = "10")
    private int records;

    /**
     * How long to wait for records ({@code 30s}, {@code 5m}); without it the goal stops at the end the topic had when
     * it started (so with {@code kafka.from=latest}, give a duration to wait for new records).
     */
    @Parameter(property = "kafka.duration")
    private String duration;

    /** The most characters shown of each key, header value and value; 0 shows them whole. */
    @Parameter(property = "kafka.width", defaultValue = "0")
    private int width;

    @Inject
    public ConsumeMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping kafka:consume (kafka.skip=true)");
            return;
        }
        if (topic == null || topic.isBlank()) throw failure("Name the topic to read: -Dkafka.topic=<topic>");
        if (records < 1) throw failure("kafka.records must be at least 1, not " + records);
        boolean fromGiven = from != null && !from.isBlank();
        StartPosition start;
        try {
            start = fromGiven ? StartPosition.parse(from, Clock.systemUTC()) : StartPosition.EARLIEST;
        } catch (IllegalArgumentException e) {
            throw failure(e.getMessage());
        }
        Duration span = null;
        if (duration != null && !duration.isBlank()) {
            try {
                span = Duration.ofMillis(Units.parseDurationMs(duration.strip()));
            } catch (IllegalArgumentException e) {
                span = Duration.ZERO;
            }
            if (span.isZero() || span.isNegative()) {
                throw failure("kafka.duration '" + duration + "' is not a positive duration such as 30s or 5m");
            }
        }
        ToolCredentials.Access access = access();
        String g = group == null || group.isBlank() ? null : group.strip();
        try {
            Consume.run(access, new Consume.Request(topic.strip(), g, start, fromGiven, records, span,
                    Math.max(0, width), timeout()), getLog()::info);
        } catch (ToolException e) {
            rethrow(e);
        }
    }
}
