package io.kafkaops.engine.cluster.admin;

import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.store.Secrets;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Turns Kafka client failures into messages that say which stage, which servers, and what to check. */
final class KafkaErrors {

    private KafkaErrors() {
    }

    /** The value of a future, waiting at most the timeout; failures become a {@link ClusterException}. */
    static <T> T await(KafkaFuture<T> future, Duration timeout, String stage, String servers, String doing)
            throws ClusterException {
        try {
            return future.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("Interrupted while " + doing + " on the cluster of stage " + stage + " ("
                    + servers + ")", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw toClusterException(e, stage, servers, doing, timeout);
        }
    }

    /**
     * A topic's value, or null when the broker does not show the topic: it does not exist (or was deleted since it was
     * listed), the principal may not describe it, or its name is one Kafka refuses. A listing of the cluster's topics
     * would not have named it either. Other failures become a {@link ClusterException}.
     */
    static <T> T awaitShown(KafkaFuture<T> future, Duration timeout, String stage, String servers, String doing)
            throws ClusterException {
        if (future == null) return null;
        try {
            return future.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException
                    || e.getCause() instanceof TopicAuthorizationException
                    || e.getCause() instanceof InvalidTopicException) {
                return null;
            }
            throw toClusterException(e, stage, servers, doing, timeout);
        } catch (java.util.concurrent.TimeoutException e) {
            throw toClusterException(e, stage, servers, doing, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("Interrupted while " + doing + " on the cluster of stage " + stage + " ("
                    + servers + ")", e);
        }
    }

    static ClusterException toClusterException(Throwable t, String stage, String servers, String doing,
                                               Duration timeout) {
        Throwable cause = unwrap(t);
        String where = "the Kafka cluster of stage " + stage + " at " + servers;
        if (cause instanceof TimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
            return unreachable(stage, servers, doing, timeout, cause);
        }
        if (cause instanceof AuthenticationException) {
            return new ClusterException(capitalize(where) + " rejected the admin credentials while " + doing + " ("
                    + message(cause) + "). Check the settings.xml server or the environment variables the platform"
                    + " definition names for this cluster.", cause);
        }
        if (cause instanceof AuthorizationException) {
            return new ClusterException(capitalize(where) + " denied the admin principal while " + doing + " ("
                    + cause.getClass().getSimpleName() + ": " + message(cause) + "). A plan needs DESCRIBE on the"
                    + " cluster and the stage's topics, DESCRIBE_CONFIGS on the topics and READ on the topic _kafkaops-"
                    + "ownership; a deploy also needs CREATE, ALTER, ALTER_CONFIGS and DELETE (see 'Rights on the"
                    + " cluster' in the plugin's documentation).", cause);
        }
        if (cause instanceof SecurityDisabledException) {
            return new ClusterException(capitalize(where) + " has no authorizer configured, so ACLs cannot be read"
                    + " or written (while " + doing + "). Enable an authorizer (StandardAuthorizer on KRaft).", cause);
        }
        if (cause instanceof ConfigException) {
            return new ClusterException("The client settings for " + where + " are invalid (" + message(cause)
                    + "). Check bootstrapServers and the cluster properties in the platform definition.", cause);
        }
        return new ClusterException("Failed while " + doing + " on " + where + ": "
                + cause.getClass().getSimpleName() + ": " + message(cause), cause);
    }

    /** The cluster did not answer within the timeout. */
    static ClusterException unreachable(String stage, String servers, String doing, Duration timeout,
                                        Throwable cause) {
        return new ClusterException("Cannot reach the Kafka cluster of stage " + stage + " at " + servers + " within "
                + seconds(timeout) + " (while " + doing + "). Check bootstrapServers in the platform definition, the"
                + " network (VPN, firewall), the client properties (security.protocol, sasl.mechanism) and that the"
                + " cluster is up; a slow cluster may need a longer -Dkafka.timeout.", cause);
    }

    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof ExecutionException || c instanceof CompletionException
                || c instanceof org.apache.kafka.common.KafkaException && c.getCause() != null
                && c.getCause() instanceof ConfigException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** A failure's message for a per-entity result: the Kafka error in one line, secrets masked. */
    static String message(Throwable t) {
        Throwable c = unwrap(t);
        String m = c.getMessage();
        return Secrets.mask(m == null ? c.getClass().getSimpleName() : m.replace('\n', ' '));
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
