package io.kafkaops.it.bench;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;

/**
 * The floor of {@link PeerComparisonBenchmark}, run as a process of its own like the two tools: a plain program of
 * batched Admin calls that does a case's work and nothing else (no files to read, no plan, no ownership records).
 *
 * <ul>
 *   <li>{@code read}: listTopics, describeTopics and describeConfigs of the case's topics, describeAcls (what a plan
 *       or diff with no changes needs to know);</li>
 *   <li>{@code create-topics}: createTopics in requests of at most 9,000 metadata records (the controller refuses
 *       more than 10,000), all sent at once, then describeTopics of what is not ready yet (back-off 50 to 500 ms)
 *       until every partition has a leader;</li>
 *   <li>{@code create-acls}: createAcls in batches of 5,000, then describeAcls until the broker shows them all.</li>
 * </ul>
 *
 * <pre>java ... io.kafkaops.it.bench.RawFloor OP ADMIN_PROPERTIES_FILE TOPICS PARTITIONS ACCOUNTS</pre>
 *
 * Prints {@code admin: N ms}, the time from the first Admin call to the end (the process's own start excluded).
 */
public final class RawFloor {

    static final int MAX_RECORDS_PER_REQUEST = 9_000;
    static final int ACL_BATCH = 5_000;

    private RawFloor() {
    }

    public static void main(String[] args) throws Exception {
        String op = args[0];
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(args[1]))) {
            props.load(r);
        }
        props.put("default.api.timeout.ms", "600000");
        PeerWorkload w = PeerWorkload.of(args, 2);
        try (Admin admin = Admin.create(props)) {
            long start = System.nanoTime();
            String what = switch (op) {
                case "read" -> read(admin, w);
                case "create-topics" -> createTopics(admin, w);
                case "create-acls" -> createAcls(admin, w);
                default -> throw new IllegalArgumentException("unknown operation " + op);
            };
            System.out.printf("admin: %.0f ms; %s%n", (System.nanoTime() - start) / 1e6, what);
        }
    }

    private static String read(Admin admin, PeerWorkload w) throws Exception {
        Set<String> names = new HashSet<>(admin.listTopics().names().get());
        names.retainAll(new HashSet<>(w.topicNames()));
        int partitions = 0;
        int configs = 0;
        if (!names.isEmpty()) {
            partitions = admin.describeTopics(names).allTopicNames().get().values().stream()
                    .mapToInt(d -> d.partitions().size()).sum();
            List<ConfigResource> resources = names.stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
            configs = admin.describeConfigs(resources).all().get().values().stream()
                    .mapToInt(c -> c.entries().size()).sum();
        }
        int acls = admin.describeAcls(AclBindingFilter.ANY).values().get().size();
        return names.size() + " topics, " + partitions + " partitions, " + configs + " config entries, " + acls
                + " ACL bindings read";
    }

    private static String createTopics(Admin admin, PeerWorkload w) throws Exception {
        List<List<NewTopic>> chunks = new ArrayList<>();
        List<NewTopic> chunk = new ArrayList<>();
        int records = 0;
        for (NewTopic t : w.newTopics()) {
            int cost = 1 + t.numPartitions() + t.configs().size();
            if (!chunk.isEmpty() && records + cost > MAX_RECORDS_PER_REQUEST) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                records = 0;
            }
            chunk.add(t);
            records += cost;
        }
        if (!chunk.isEmpty()) chunks.add(chunk);
        List<KafkaFuture<Void>> created = new ArrayList<>();
        for (List<NewTopic> c : chunks) created.add(admin.createTopics(c).all());
        CreateTopicsBenchmark.awaitLeaders(admin, w.topicNames());
        for (KafkaFuture<Void> f : created) f.get();
        return w.topics() + " topics created in " + chunks.size() + " createTopics requests, every partition has a"
                + " leader";
    }

    private static String createAcls(Admin admin, PeerWorkload w) throws Exception {
        List<AclBinding> bindings = w.aclBindings();
        List<KafkaFuture<Void>> created = new ArrayList<>();
        for (int from = 0; from < bindings.size(); from += ACL_BATCH) {
            created.add(admin.createAcls(bindings.subList(from, Math.min(bindings.size(), from + ACL_BATCH))).all());
        }
        for (KafkaFuture<Void> f : created) f.get();
        Set<AclBinding> pending = new HashSet<>(bindings);
        long backoff = 50;
        while (true) {
            pending.removeAll(admin.describeAcls(AclBindingFilter.ANY).values().get());
            if (pending.isEmpty()) break;
            Thread.sleep(backoff);
            backoff = Math.min(500, backoff * 2);
        }
        return bindings.size() + " ACL bindings created and shown by the broker";
    }

    /** The admin client properties as a properties file for {@link #main}. */
    static void writeProperties(Map<String, Object> clientProperties, Path file) throws Exception {
        Properties p = new Properties();
        new HashMap<>(clientProperties).forEach((k, v) -> p.setProperty(k, String.valueOf(v)));
        try (var out = Files.newBufferedWriter(file)) {
            p.store(out, null);
        }
    }
}
