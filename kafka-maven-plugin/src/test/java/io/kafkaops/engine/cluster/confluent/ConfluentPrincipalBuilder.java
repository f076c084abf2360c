package io.kafkaops.engine.cluster.confluent;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.security.auth.AuthenticationContext;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.KafkaPrincipalBuilder;
import org.apache.kafka.common.security.auth.KafkaPrincipalSerde;
import org.apache.kafka.common.security.auth.SaslAuthenticationContext;
import org.apache.kafka.common.security.authenticator.DefaultKafkaPrincipalBuilder;

/**
 * The test broker's principals, as Confluent Cloud makes them: a connection signed in with an API key is the
 * principal {@code User:<sa-id>} of the service account that owns the key, so ACLs name accounts, not keys. Other
 * connections keep Kafka's default principal. Serializable as KRaft requires (requests forwarded to the controller
 * carry the principal).
 */
public final class ConfluentPrincipalBuilder implements KafkaPrincipalBuilder, KafkaPrincipalSerde {

    private final DefaultKafkaPrincipalBuilder standard = new DefaultKafkaPrincipalBuilder(null, null);

    @Override
    public KafkaPrincipal build(AuthenticationContext context) {
        if (context instanceof SaslAuthenticationContext sasl && "PLAIN".equals(sasl.server().getMechanismName())) {
            String keyId = sasl.server().getAuthorizationID();
            // a key that signed in has an owner; anything else gets a principal no ACL names
            return new KafkaPrincipal(KafkaPrincipal.USER_TYPE,
                    ConfluentPlainCallbackHandler.ownerOf(keyId).orElse("unknown-key-" + keyId));
        }
        return standard.build(context);
    }

    @Override
    public byte[] serialize(KafkaPrincipal principal) throws SerializationException {
        return standard.serialize(principal);
    }

    @Override
    public KafkaPrincipal deserialize(byte[] bytes) throws SerializationException {
        return standard.deserialize(bytes);
    }
}
