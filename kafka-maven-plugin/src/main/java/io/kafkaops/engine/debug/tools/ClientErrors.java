package io.kafkaops.engine.debug.tools;

import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;

/**
 * Turns what the Kafka clients throw into one line for the developer: an authorisation error names the account, the
 * right and the resource. The client's own message is used only for errors that carry no credential (authentication
 * errors never show more than their class: their text may quote the mechanism's exchange).
 */
final class ClientErrors {

    private ClientErrors() {
    }

    /**
     * @param account  the account, as the developer knows it
     * @param doing    what was refused, e.g. {@code read topic billing.invoices.v1}
     * @param timeout  the bound that was hit, for a timeout's message
     */
    static ToolException explain(Throwable error, String account, String doing, String group, String timeout) {
        Throwable e = unwrap(error);
        String kind = e.getClass().getSimpleName();
        if (e instanceof TopicAuthorizationException) {
            return new ToolException("the account " + account + " may not " + doing + " (" + kind + ")", true);
        }
        if (e instanceof GroupAuthorizationException) {
            return new ToolException("the account " + account + " may not use consumer group " + group + " ("
                    + kind + ")", true);
        }
        if (e instanceof ClusterAuthorizationException) {
            return new ToolException("the account " + account + " may not " + doing + ": the cluster refuses an"
                    + " operation on the cluster resource (" + kind + "; an idempotent producer needs WRITE on the"
                    + " topic, or IDEMPOTENT_WRITE on the cluster on brokers before 2.8: produce with"
                    + " kafka.idempotence=false there)", true);
        }
        if (e instanceof AuthenticationException) {
            return new ToolException("the cluster did not accept the credentials of " + account + " (" + kind
                    + "): the session may have ended or the credential been removed");
        }
        if (e instanceof TimeoutException || e instanceof java.util.concurrent.TimeoutException) {
            return new ToolException("no answer from the cluster within " + timeout + " while trying to " + doing
                    + " (" + kind + "): check bootstrap.servers and the network, or raise kafka.timeout");
        }
        String message = e.getMessage();
        return new ToolException("could not " + doing + ": " + kind + (message == null ? "" : ": " + message));
    }

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof java.util.concurrent.CompletionException
                || t.getClass() == KafkaException.class) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
