package io.kafkaops.engine.cluster.admin;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The wait until created or changed topics are usable: every partition has a leader in the broker's metadata (and,
 * after a replica reassignment, shows all its replicas in sync). It waits as long as the cluster makes progress and
 * gives up only after the session's timeout ({@code kafka.timeout}) passed without any: a slow but working broker
 * never fails a deploy.
 *
 * <p>What "ready" guarantees: the broker that answered has the topic with every partition and a leader for each in
 * its metadata, so producers and consumers find it. In Kafka 3.x and 4.x a broker publishes new metadata to its cache
 * first and creates the partitions' logs after that, in the same order, one metadata update after the other; until
 * the log of a partition exists, its leader answers produce, fetch and listOffsets requests with the retriable
 * {@code NOT_LEADER_OR_FOLLOWER}, which the Kafka clients retry by default. Waiting for the logs as well (one
 * listOffsets call for the new partitions succeeds only when the logs exist) would cost the log creation: 8-10x the
 * time to leaders for 1,000 new topics on a busy machine (reference/performance.md), so the deploy does not.
 *
 * <p>Progress is what the broker shows: createTopics answers, topics it shows, partitions with a leader, replicas in
 * sync, and the logs of the ready topics' partitions ({@link PartitionLogs}). The last one matters when several
 * createTopics chunks were needed: a broker applies one metadata update after the other and creates the logs of a
 * chunk's partitions before it shows the next chunk's topics, so for minutes nothing else may move while it works
 * (10,000 topics on a busy machine). After {@link #LOGS_AFTER_NANOS} without other progress, one listOffsets of the
 * ready partitions not yet seen with a log counts them, at most that often; a growing count is progress.
 */
final class TopicReadiness {

    /** Progress lines only for waits at least this large, at most one every {@link #NOTICE_EVERY_NANOS}. */
    static final int NOTICE_MIN_TOPICS = 100;
    private static final long NOTICE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** The logs are counted only after this long without other progress, and at most this often. */
    static final long LOGS_AFTER_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final AdminCalls admin;
    private final AdminFutures futures;
    private final Consumer<String> notices;
    private final LongSupplier nanoTime;
    private final Supplier<PartitionLogs> logs;

    TopicReadiness(AdminCalls admin, AdminFutures futures, Consumer<String> notices) {
        this(admin, futures, notices, System::nanoTime, null);
    }

    TopicReadiness(AdminCalls admin, AdminFutures futures, Consumer<String> notices, LongSupplier nanoTime) {
        this(admin, futures, notices, nanoTime, null);
    }

    /** @param logs a new count of the ready partitions' logs for each wait; null for one on {@code admin} */
    TopicReadiness(AdminCalls admin, AdminFutures futures, Consumer<String> notices, LongSupplier nanoTime,
                   Supplier<PartitionLogs> logs) {
        this.admin = admin;
        this.futures = futures;
        this.notices = notices;
        this.nanoTime = nanoTime;
        this.logs = logs != null ? logs : () -> new PartitionLogs(admin, futures);
    }

    /** {@link #await(Map, Map, Map, Map)} of topics that exist already (no createTopics answer outstanding). */
    Map<String, String> await(Map<String, Integer> expected, Map<String, Integer> replicationFactors) {
        return await(expected, replicationFactors, Map.of(), new LinkedHashMap<>());
    }

    /**
     * Polls until every partition of the topics has a leader (and the expected number of partitions exists); for the
     * topics whose replication factor changed, also until every partition shows exactly that many replicas, all in
     * sync, so that the next plan (which may ask another broker) sees the change done. Topics whose createTopics
     * answer is still outstanding are waited for too, and described only once created; each poll describes only the
     * topics not ready yet.
     *
     * @param expected           the number of partitions each topic should have
     * @param replicationFactors the wanted replication factor of the topics whose replicas were reassigned
     * @param creating           the createTopics answers of the new topics among them
     * @param createErrors       gets the topics whose creation failed, with the reason (they are not waited for)
     * @return the topics that are not ready when the cluster made no progress for the timeout, with the reason
     */
    Map<String, String> await(Map<String, Integer> expected, Map<String, Integer> replicationFactors,
                              Map<String, KafkaFuture<Void>> creating, Map<String, List<String>> createErrors) {
        long seconds = futures.timeout().toSeconds();
        long timeoutNanos = futures.timeout().toNanos();
        Map<String, KafkaFuture<Void>> unanswered = new LinkedHashMap<>(creating);
        Map<String, State> pending = new TreeMap<>();
        for (String name : expected.keySet()) {
            pending.put(name, unanswered.containsKey(name) ? State.CREATING : State.NOT_VISIBLE);
        }
        Map<String, Long> missing = new TreeMap<>();
        int total = pending.size();
        int failed = 0;
        long start = nanoTime.getAsLong();
        long lastProgress = start;
        long nextNotice = start + NOTICE_EVERY_NANOS / 2;
        Progress best = null;
        PartitionLogs readyLogs = logs.get();
        long mostWithLog = -1;
        long nextLogCheck = start + LOGS_AFTER_NANOS;
        long backoff = 50;
        while (true) {
            for (var it = unanswered.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getValue().isDone()) continue;
                it.remove();
                String error = futures.error(e.getValue());
                if (error != null) {
                    AdminFutures.addError(createErrors, e.getKey(), error);
                    pending.remove(e.getKey());
                    failed++;
                } else {
                    pending.put(e.getKey(), State.NOT_VISIBLE);
                }
            }
            List<String> describe = pending.entrySet().stream().filter(e -> e.getValue() != State.CREATING)
                    .map(Map.Entry::getKey).toList();
            String checkFailure = describe.isEmpty() ? null
                    : poll(describe, expected, replicationFactors, pending, missing);
            long now = nanoTime.getAsLong();
            Progress p = Progress.of(creating.size() - unanswered.size(), expected, pending, missing);
            if (best == null || p.beyond(best)) {
                best = best == null ? p : best.max(p);
                lastProgress = now;
            } else if (now - lastProgress >= LOGS_AFTER_NANOS && now >= nextLogCheck && !pending.isEmpty()) {
                // nothing the metadata shows moved: is the broker creating the logs of the topics ready so far?
                for (String name : expected.keySet()) {
                    if (!pending.containsKey(name) && !createErrors.containsKey(name)) {
                        readyLogs.expect(name, expected.get(name));
                    }
                }
                long have = readyLogs.withLog();
                if (have > mostWithLog) {
                    if (mostWithLog >= 0) lastProgress = now;
                    mostWithLog = have;
                }
                nextLogCheck = now + LOGS_AFTER_NANOS;
            }
            if (pending.isEmpty()) return Map.of();
            if (now - lastProgress > timeoutNanos || Thread.currentThread().isInterrupted()) {
                return reasons(pending, missing, replicationFactors, seconds, checkFailure);
            }
            if (total >= NOTICE_MIN_TOPICS && now >= nextNotice) {
                notices.accept(progress(total - failed, pending, now - start)
                        + (mostWithLog < 0 ? "" : "; the broker has created the logs of " + mostWithLog
                        + " of the ready topics' partitions"));
                nextNotice = now + NOTICE_EVERY_NANOS;
            }
            if (describe.isEmpty() && !unanswered.isEmpty()) {
                awaitAnswers(unanswered.values());
            } else {
                backoff = AdminFutures.pause(backoff);
            }
        }
    }

    /** Returns when every outstanding createTopics answer is in, or after half a second. */
    private static void awaitAnswers(Collection<KafkaFuture<Void>> answers) {
        try {
            KafkaFuture.allOf(answers.toArray(new KafkaFuture<?>[0])).get(500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            // a failed answer is read on the next round; a late one is waited for again
        }
    }

    /**
     * What the cluster has done so far: createTopics answers, topics the broker shows, partitions with a leader,
     * partitions with all replicas in sync. Each only grows while the cluster works; any growth is progress.
     */
    record Progress(long answered, long visible, long leaders, long inSync) {

        static Progress of(long answered, Map<String, Integer> expected, Map<String, State> pending,
                           Map<String, Long> missing) {
            long visible = 0;
            long leaders = 0;
            long inSync = 0;
            for (Map.Entry<String, Integer> e : expected.entrySet()) {
                State st = pending.get(e.getKey());
                int partitions = e.getValue();
                long lacking = missing.getOrDefault(e.getKey(), 0L);
                if (st == null) {
                    visible++;
                    leaders += partitions;
                    inSync += partitions;
                } else if (st == State.LEADERLESS) {
                    visible++;
                    leaders += Math.max(0, partitions - lacking);
                } else if (st == State.UNREPLICATED) {
                    visible++;
                    leaders += partitions;
                    inSync += Math.max(0, partitions - lacking);
                }
            }
            return new Progress(answered, visible, leaders, inSync);
        }

        boolean beyond(Progress best) {
            return answered > best.answered || visible > best.visible || leaders > best.leaders
                    || inSync > best.inSync;
        }

        Progress max(Progress o) {
            return new Progress(Math.max(answered, o.answered), Math.max(visible, o.visible),
                    Math.max(leaders, o.leaders), Math.max(inSync, o.inSync));
        }
    }

    /** Where a topic is on its way to ready. */
    enum State {
        /** its createTopics answer is outstanding */
        CREATING("waiting for the controller to create %s", "it", "them"),
        /** created, but the broker does not show it yet */
        NOT_VISIBLE("created, waiting for the broker to show %s", "it", "them"),
        /** shown, but some partitions have no leader (or are missing) */
        LEADERLESS("created, waiting for %s partitions to get a leader", "its", "their"),
        /** every partition has a leader, but not all replicas are in sync yet */
        UNREPLICATED("reassigned, waiting for %s replicas to get in sync", "its", "their");

        private final String words;
        private final String one;
        private final String many;

        State(String words, String one, String many) {
            this.words = words;
            this.one = one;
            this.many = many;
        }

        /** "3 topics created, waiting for their partitions to get a leader". */
        String count(int n) {
            return n + (n == 1 ? " topic " : " topics ") + String.format(words, n == 1 ? one : many);
        }
    }

    /** One describeTopics of the topics not ready yet; null, or why the check itself failed. */
    private String poll(List<String> names, Map<String, Integer> expected, Map<String, Integer> replicationFactors,
                        Map<String, State> pending, Map<String, Long> missing) {
        Map<String, KafkaFuture<TopicDescription>> answers;
        try {
            answers = admin.describeTopics(names).topicNameValues();
        } catch (RuntimeException e) {
            return KafkaErrors.message(e);
        }
        String failure = null;
        for (String name : names) {
            KafkaFuture<TopicDescription> f = answers.get(name);
            if (f == null) continue;
            try {
                TopicDescription d = f.get(futures.timeout().toMillis(), TimeUnit.MILLISECONDS);
                long leaderless = d.partitions().stream().filter(p -> !hasLeader(p)).count()
                        + Math.max(0, expected.get(name) - d.partitions().size());
                Integer rf = replicationFactors.get(name);
                long unreplicated = rf == null ? 0 : d.partitions().stream()
                        .filter(p -> p.replicas().size() != rf || p.isr().size() != rf).count();
                if (leaderless == 0 && unreplicated == 0) {
                    pending.remove(name);
                    missing.remove(name);
                } else if (leaderless == 0) {
                    pending.put(name, State.UNREPLICATED);
                    missing.put(name, unreplicated);
                } else {
                    pending.put(name, State.LEADERLESS);
                    missing.put(name, leaderless);
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) failure = KafkaErrors.message(e);
            } catch (java.util.concurrent.TimeoutException e) {
                failure = "no answer to describeTopics within " + futures.timeout().toSeconds() + " s";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
        return failure;
    }

    /** "Waiting for 1000 new or changed topics (12 s): 640 ready, 360 created, waiting for ...". */
    static String progress(int total, Map<String, State> pending, long elapsedNanos) {
        StringBuilder s = new StringBuilder("Waiting for " + total + " new or changed topics to get ready ("
                + TimeUnit.NANOSECONDS.toSeconds(elapsedNanos) + " s): " + (total - pending.size()) + " ready");
        counts(pending).forEach((state, n) -> s.append(", ").append(state.count(n)));
        return s.toString();
    }

    private static Map<State, Integer> counts(Map<String, State> pending) {
        Map<State, Integer> counts = new TreeMap<>();
        pending.values().forEach(st -> counts.merge(st, 1, Integer::sum));
        return counts;
    }

    /**
     * The failure of each topic still pending, in words: "created, waiting for their partitions to get a leader
     * (2 of the topic's partitions have none); 167 topics are in that state and the broker made no progress for 30 s;
     * the next deploy checks again".
     */
    static Map<String, String> reasons(Map<String, State> pending, Map<String, Long> missing,
                                       Map<String, Integer> replicationFactors, long seconds, String checkFailure) {
        Map<State, Integer> counts = counts(pending);
        Map<String, String> out = new TreeMap<>();
        String noProgress = " made no progress for " + seconds + " s"
                + (checkFailure == null ? "" : " (last check: " + checkFailure + ")");
        for (Map.Entry<String, State> e : pending.entrySet()) {
            State st = e.getValue();
            int n = counts.get(st);
            String detail = switch (st) {
                case CREATING -> "no answer to createTopics yet";
                case NOT_VISIBLE -> "the broker does not show the topic yet";
                case LEADERLESS -> missing.get(e.getKey()) + " of its partitions have no leader";
                case UNREPLICATED -> missing.get(e.getKey()) + " partitions do not show "
                        + replicationFactors.get(e.getKey()) + " in-sync replicas";
            };
            String next = st == State.UNREPLICATED ? "the next plan shows whether they arrived"
                    : "the next deploy checks again";
            out.put(e.getKey(), st.count(n) + " (" + detail + "); the "
                    + (st == State.CREATING ? "controller" : "broker") + noProgress + "; " + next);
        }
        return out;
    }

    private static boolean hasLeader(TopicPartitionInfo p) {
        return p.leader() != null && !p.leader().isEmpty();
    }
}
