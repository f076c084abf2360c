package io.kafkaops.engine.cluster.confluent;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.plain.PlainAuthenticateCallback;

/**
 * The test broker's SASL/PLAIN check, as Confluent Cloud does it: the user name is an API key id, the password its
 * secret, and a key signs in when the stand-in has issued it for this cluster, not deleted it, and its activation
 * delay has passed ({@link KeyRegistry.Entry#accepts}, read from the server's registry file on every sign-in, so a
 * deleted key stops working for new connections at once). Runs in the broker's JVM; configured by the listener's
 * JAAS options {@value #REGISTRY_OPTION} and {@value #CLUSTER_OPTION}.
 */
public final class ConfluentPlainCallbackHandler implements AuthenticateCallbackHandler {

    /** JAAS option: the path of the server's key registry file. */
    public static final String REGISTRY_OPTION = "registry";
    /** JAAS option: the Kafka cluster id ({@code lkc-...}) the keys must be scoped to. */
    public static final String CLUSTER_OPTION = "cluster";

    /** The owner (service account) of each key that signed in, for {@link ConfluentPrincipalBuilder}. */
    private static final Map<String, String> OWNERS = new ConcurrentHashMap<>();

    private Path registry;
    private String clusterId;

    @Override
    public void configure(Map<String, ?> configs, String saslMechanism, List<AppConfigurationEntry> jaasConfigEntries) {
        for (AppConfigurationEntry entry : jaasConfigEntries) {
            Object file = entry.getOptions().get(REGISTRY_OPTION);
            Object cluster = entry.getOptions().get(CLUSTER_OPTION);
            if (file != null) {
                registry = Path.of(file.toString());
            }
            if (cluster != null) {
                clusterId = cluster.toString();
            }
        }
        if (registry == null || clusterId == null) {
            throw new IllegalStateException("The listener's JAAS configuration needs the options " + REGISTRY_OPTION
                    + " and " + CLUSTER_OPTION);
        }
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        String username = null;
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback name) {
                username = name.getDefaultName();
            } else if (callback instanceof PlainAuthenticateCallback plain) {
                plain.authenticated(authenticate(username, new String(plain.password())));
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    private boolean authenticate(String keyId, String secret) {
        if (keyId == null) {
            return false;
        }
        Optional<KeyRegistry.Entry> entry = KeyRegistry.find(registry, keyId);
        if (entry.isPresent() && entry.get().accepts(secret, clusterId, Instant.now())) {
            OWNERS.put(keyId, entry.get().ownerId());
            return true;
        }
        return false;
    }

    /** The service account that owns {@code keyId}, known once the key has signed in. */
    static Optional<String> ownerOf(String keyId) {
        return Optional.ofNullable(OWNERS.get(keyId));
    }

    @Override
    public void close() {
        // nothing held
    }
}
