package io.kafkaops.engine.local;

import java.util.Objects;

/**
 * A SCRAM user name and password. {@link #toString()} hides the password.
 */
public record ScramCredentials(String username, String password) {

    public ScramCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "ScramCredentials[username=" + username + ", password=***]";
    }
}
