package io.kafkaops.engine.debug.tools;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * {@code kafka:topics}: the topics the account may describe, with their partition counts. The broker lists only the
 * topics a principal may describe, so this is exactly what the account sees; one list call and one batched describe.
 */
public final class TopicList {

    /** One topic as the account sees it. */
    public record Topic(String name, int partitions) {
    }

    private TopicList() {
    }

    public static List<Topic> list(ToolCredentials.Access access, Duration timeout) throws ToolException {
        Map<String, Object> props = Clients.settings(access, timeout);
        Admin admin = Admin.create(props);
        {
            try {
                Set<String> names = new TreeSet<>(admin.listTopics(new ListTopicsOptions().listInternal(false)
                                .timeoutMs((int) timeout.toMillis())).names()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS));
                List<Topic> topics = new ArrayList<>();
                if (names.isEmpty()) return topics;
                Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                for (String name : names) {
                    TopicDescription d = described.get(name);
                    if (d != null) topics.add(new Topic(name, d.partitions().size()));
                }
                return topics;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ToolException("interrupted while listing the topics");
            } catch (Exception e) {
                throw ClientErrors.explain(e, access.account(), "list the topics", null, Clients.describe(timeout));
            } finally {
                admin.close(Duration.ofSeconds(5));
            }
        }
    }

    /** The lines kafka:topics prints: one per topic, then how many. */
    public static List<String> lines(List<Topic> topics, String account) {
        List<String> lines = new ArrayList<>();
        int width = topics.stream().mapToInt(t -> t.name().length()).max().orElse(0);
        for (Topic t : topics) {
            lines.add(String.format("  %-" + Math.max(1, width) + "s  %d partition%s", t.name(), t.partitions(),
                    t.partitions() == 1 ? "" : "s"));
        }
        lines.add(topics.size() + " topic" + (topics.size() == 1 ? "" : "s") + " visible to " + account);
        return lines;
    }
}
