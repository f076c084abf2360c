package io.kafkaops.engine.cluster;

import java.util.Objects;

/**
 * The one builder of {@code sasl.jaas.config} lines: {@code <LoginModule> required username="..." password="...";}
 * with every value quoted and escaped, so that user names and passwords holding {@code "}, {@code \} or line breaks
 * reach Kafka unchanged. The line holds a password: {@link #value()} is for a client's or broker's configuration
 * only, and {@link #toString()} leaves the password out, so the builder itself is safe in a log line or message.
 */
public final class SaslJaas {

    public static final String SCRAM_LOGIN_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";
    public static final String PLAIN_LOGIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";

    private final String loginModule;
    private final String username;
    private final String line;

    private SaslJaas(String loginModule, String username, String line) {
        this.loginModule = loginModule;
        this.username = username;
        this.line = line;
    }

    /** Signs in with a SCRAM mechanism (SCRAM-SHA-256 or SCRAM-SHA-512). */
    public static SaslJaas scram(String username, String password) {
        return of(SCRAM_LOGIN_MODULE, username, password);
    }

    /** Signs in with the PLAIN mechanism. */
    public static SaslJaas plain(String username, String password) {
        return of(PLAIN_LOGIN_MODULE, username, password);
    }

    /**
     * The login module a {@code sasl.mechanism} needs: SCRAM for the SCRAM mechanisms, PLAIN otherwise.
     *
     * @param mechanism a {@code sasl.mechanism} value; null means SCRAM-SHA-512
     */
    public static SaslJaas forMechanism(String mechanism, String username, String password) {
        return mechanism == null || mechanism.startsWith("SCRAM") ? scram(username, password)
                : plain(username, password);
    }

    private static SaslJaas of(String loginModule, String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        return new SaslJaas(loginModule, username, loginModule + " required username=" + quote(username)
                + " password=" + quote(password));
    }

    /**
     * The same line with one more option, such as the {@code user_<name>="<password>"} table of a broker's PLAIN
     * listener. The value is quoted and escaped like the password.
     *
     * @param name an option name: letters, digits, {@code _}, {@code -} and {@code .} only
     */
    public SaslJaas withOption(String name, String value) {
        Objects.requireNonNull(value, "value");
        if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("not a JAAS option name: " + name);
        }
        return new SaslJaas(loginModule, username, line + " " + name + "=" + quote(value));
    }

    /** The {@code sasl.jaas.config} value. Holds the password: never print it. */
    public String value() {
        return line + ";";
    }

    /** Without the password, and without any option value. */
    @Override
    public String toString() {
        return "SaslJaas[" + loginModule + ", username=" + username + ", password=***]";
    }

    /**
     * A quoted JAAS value. Kafka reads the line with a {@link java.io.StreamTokenizer}: inside quotes a backslash
     * escapes the next character, and a line break would end the value, so it is written as an escape.
     */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
