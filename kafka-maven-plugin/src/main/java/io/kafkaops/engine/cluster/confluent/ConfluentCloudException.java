package io.kafkaops.engine.cluster.confluent;

import io.kafkaops.engine.cluster.ClusterException;

/**
 * Confluent Cloud refused a request or did not answer in time. The message names the credential used ("the Cloud API
 * key from settings server `ccloud-iam` was refused (401)"), the operation and Confluent's own error text; it never
 * holds a secret nor a request body.
 */
public class ConfluentCloudException extends ClusterException {

    private final int status;

    public ConfluentCloudException(String message, int status) {
        super(message);
        this.status = status;
    }

    public ConfluentCloudException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status of the last answer, or -1 when none came. */
    public int status() {
        return status;
    }

    public boolean notFound() {
        return status == 404;
    }
}
