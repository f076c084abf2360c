package io.kafkaops.model.platform;

/**
 * Where the admin credentials of a cluster come from: a Maven settings.xml {@code <server>} id, or environment
 * variables. Never the credentials themselves.
 */
public record ClusterCredentials(String server, String usernameEnv, String passwordEnv) {

    public static ClusterCredentials none() {
        return new ClusterCredentials(null, null, null);
    }

    public boolean isNone() {
        return server == null && usernameEnv == null && passwordEnv == null;
    }
}
