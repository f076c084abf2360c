/**
 * The {@code kubernetes} placement of debug sessions: a Job in the team's namespace (from the platform definition's
 * {@code debug.kubernetes.namespaces}, never from anywhere else) running the platform's Kafka command-line image, the
 * session's client settings in a Secret the Job owns, mounted as a properties file. The Job ends at the session's
 * expiry ({@code activeDeadlineSeconds}) and is removed by Kubernetes after {@code ttlSecondsAfterFinished}; the
 * sweeper deletes it (and its Secret) earlier. The fabric8 kubernetes-client reaches the API server with the
 * pipeline's kubeconfig or in-cluster identity; it is used in this package only.
 */
package io.kafkaops.engine.debug.kubernetes;
