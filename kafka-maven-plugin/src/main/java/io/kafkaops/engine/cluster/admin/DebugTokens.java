package io.kafkaops.engine.cluster.admin;

import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.cluster.SaslJaas;
import io.kafkaops.engine.debug.DebugSession;
import io.kafkaops.engine.debug.IssuedCredential;
import io.kafkaops.engine.debug.SessionCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.CreateDelegationTokenOptions;
import org.apache.kafka.clients.admin.DescribeDelegationTokenOptions;
import org.apache.kafka.clients.admin.ExpireDelegationTokenOptions;
import org.apache.kafka.common.errors.DelegationTokenAuthorizationException;
import org.apache.kafka.common.errors.DelegationTokenDisabledException;
import org.apache.kafka.common.errors.DelegationTokenExpiredException;
import org.apache.kafka.common.errors.DelegationTokenNotFoundException;
import org.apache.kafka.common.errors.DelegationTokenOwnerMismatchException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.token.delegation.DelegationToken;
import org.apache.kafka.common.security.token.delegation.TokenInformation;

/**
 * Debug sessions on Apache Kafka: delegation tokens created by the admin for the account's principal as owner
 * (KIP-373) with the session's lifetime as their maximum, so the broker stops accepting them at the end; session
 * records in the ownership topic. The token's HMAC is its password: it goes into the client settings and nowhere else.
 */
final class DebugTokens implements SessionCluster {

    /** The broker setting that enables delegation tokens. */
    static final String SECRET_KEY_SETTING = "delegation.token.secret.key";
    static final String DEFAULT_MECHANISM = "SCRAM-SHA-512";

    private final AdminCalls admin;
    private final SessionLog records;
    private final ClusterConnection connection;
    private final Duration timeout;

    DebugTokens(AdminCalls admin, OwnershipLog log, ClusterConnection connection, Duration timeout) {
        this.admin = admin;
        this.records = new SessionLog(log, connection.stage());
        this.connection = connection;
        this.timeout = timeout;
    }

    @Override
    public List<DebugSession> sessions(String stage) throws ClusterException {
        return records.sessions(stage);
    }

    @Override
    public void record(DebugSession session) throws ClusterException {
        records.record(session);
    }

    @Override
    public void tombstone(DebugSession session) throws ClusterException {
        records.tombstone(session);
    }

    @Override
    public IssuedCredential issue(String principal, Duration lifetime) throws ClusterException {
        String protocol = connection.adminProperties().getOrDefault("security.protocol", "PLAINTEXT")
                .toUpperCase(Locale.ROOT);
        if (!protocol.startsWith("SASL_")) {
            throw new ClusterException("The cluster of stage " + connection.stage() + " is reached with "
                    + "security.protocol " + protocol + ", but a delegation token signs in over SASL (SCRAM): debug"
                    + " sessions need a SASL_SSL or SASL_PLAINTEXT listener with SCRAM enabled");
        }
        KafkaPrincipal owner = parse(principal);
        DelegationToken token;
        try {
            CreateDelegationTokenOptions options = new CreateDelegationTokenOptions().owner(owner)
                    .maxLifetimeMs(lifetime.toMillis());
            // only the owner and the renewers may expire a token (not even a super user): the admin is made a
            // renewer so that ending the session early and the sweeper can revoke it
            KafkaPrincipal admin = adminPrincipal(connection.adminProperties().get("sasl.jaas.config"));
            if (admin != null) options.renewers(List.of(admin));
            token = this.admin.createDelegationToken(options).delegationToken().get(timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("Interrupted while creating a delegation token", e);
        } catch (Exception e) {
            throw tokenFailure(e, "creating a delegation token for " + principal);
        }
        TokenInformation info = token.tokenInfo();
        Instant expiry = Instant.ofEpochMilli(Math.min(info.expiryTimestamp(), info.maxTimestamp()));
        return new IssuedCredential(DebugSession.DELEGATION_TOKEN, info.tokenId(), expiry,
                clientSettings(info.tokenId(), token.hmacAsBase64String()));
    }

    /**
     * Client properties that sign in with the token: the cluster's connection settings without the admin's
     * credentials (no SASL settings, no key store), SCRAM with {@code tokenauth=true}.
     */
    Map<String, String> clientSettings(String tokenId, String hmac) {
        Map<String, String> admin = connection.adminProperties();
        Map<String, String> out = new LinkedHashMap<>();
        out.put("bootstrap.servers", connection.bootstrapServers());
        out.put("security.protocol", admin.get("security.protocol"));
        admin.forEach((k, v) -> {
            if (k.startsWith("ssl.") && !k.startsWith("ssl.keystore.") && !k.equals("ssl.key.password")) {
                out.put(k, v);
            }
        });
        String mechanism = admin.getOrDefault("sasl.mechanism", DEFAULT_MECHANISM);
        out.put("sasl.mechanism", mechanism.startsWith("SCRAM-") ? mechanism : DEFAULT_MECHANISM);
        out.put("sasl.jaas.config", SaslJaas.scram(tokenId, hmac).withOption("tokenauth", "true").value());
        return out;
    }

    @Override
    public Map<String, String> revoke(List<DebugSession> sessions) throws ClusterException {
        Map<String, String> failed = new LinkedHashMap<>();
        List<DebugSession> tokens = sessions.stream()
                .filter(s -> DebugSession.DELEGATION_TOKEN.equals(s.credentialKind()) && s.credentialId() != null)
                .toList();
        for (DebugSession s : sessions) {
            if (!tokens.contains(s)) failed.put(s.id(), "its credential is a " + s.credentialKind()
                    + ", which this cluster does not issue");
        }
        if (tokens.isEmpty()) return failed;
        Set<KafkaPrincipal> owners = new LinkedHashSet<>();
        for (DebugSession s : tokens) owners.add(parse(s.principal()));
        // one describe for all owners: the HMAC needed to expire a token comes from here and goes nowhere else
        Map<String, byte[]> hmacs = describe(owners);
        // a broker learns of a new token shortly after the controller created it: a session that has not expired
        // yet must have its token, so it is looked for again for a while rather than taken as gone
        Instant now = Instant.now();
        long deadline = System.nanoTime() + Math.min(timeout.toNanos(), Duration.ofSeconds(15).toNanos());
        while (tokens.stream().anyMatch(s -> !s.expiredAt(now) && !hmacs.containsKey(s.credentialId()))
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterException("Interrupted while describing delegation tokens", e);
            }
            hmacs.putAll(describe(owners));
        }
        for (DebugSession s : tokens) {
            byte[] hmac = hmacs.get(s.credentialId());
            if (hmac == null) {
                // past its expiry the broker removes it by itself
                if (!s.expiredAt(now)) failed.put(s.id(), "its delegation token " + s.credentialId() + " was not found"
                        + " although the session has not expired; it ends at " + s.expiry());
                continue;
            }
            try {
                admin.expireDelegationToken(hmac, new ExpireDelegationTokenOptions().expiryTimePeriodMs(-1))
                        .expiryTimestamp().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.put(s.id(), "interrupted");
            } catch (Exception e) {
                Throwable cause = KafkaErrors.unwrap(e);
                if (cause instanceof DelegationTokenExpiredException
                        || cause instanceof DelegationTokenNotFoundException) {
                    continue;
                }
                failed.put(s.id(), tokenFailure(e, "expiring delegation token " + s.credentialId()).getMessage());
            }
        }
        return failed;
    }

    /** The HMACs of the owners' tokens by token id: what expiring a token needs; it goes nowhere else. */
    private Map<String, byte[]> describe(Set<KafkaPrincipal> owners) throws ClusterException {
        Map<String, byte[]> hmacs = new HashMap<>();
        try {
            for (DelegationToken t : admin.describeDelegationToken(new DescribeDelegationTokenOptions()
                    .owners(List.copyOf(owners))).delegationTokens().get(timeout.toMillis(),
                    TimeUnit.MILLISECONDS)) {
                hmacs.put(t.tokenInfo().tokenId(), t.hmac());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("Interrupted while describing delegation tokens", e);
        } catch (Exception e) {
            throw tokenFailure(e, "describing the delegation tokens of debug sessions");
        }
        return hmacs;
    }

    private ClusterException tokenFailure(Throwable t, String doing) {
        Throwable cause = KafkaErrors.unwrap(t);
        String where = "the Kafka cluster of stage " + connection.stage() + " at " + connection.bootstrapServers();
        if (cause instanceof DelegationTokenDisabledException) {
            return new ClusterException("Delegation tokens are disabled on " + where + " (while " + doing + "): debug"
                    + " sessions need them. Set the broker setting " + SECRET_KEY_SETTING + " (the same secret on"
                    + " every broker and controller) and restart the brokers.", cause);
        }
        if (cause instanceof DelegationTokenOwnerMismatchException) {
            return new ClusterException(capitalized(where) + " refused while " + doing + ": only the token's owner"
                    + " and renewers may expire it, and the admin principal is neither (" + KafkaErrors.message(cause)
                    + "); the token still ends at its maximum lifetime.", cause);
        }
        if (cause instanceof DelegationTokenAuthorizationException) {
            return new ClusterException(capitalized(where) + " denied the admin principal while " + doing + " ("
                    + KafkaErrors.message(cause) + "): creating a token for another owner needs CREATE_TOKENS on"
                    + " that User resource (or a super user), ending one DESCRIBE_TOKENS (see 'Rights on the"
                    + " cluster' in the plugin's documentation).", cause);
        }
        if (cause instanceof UnsupportedVersionException) {
            return new ClusterException(capitalized(where) + " cannot create delegation tokens for another owner"
                    + " (while " + doing + "; KIP-373 needs Kafka 3.3 or later): " + KafkaErrors.message(cause), cause);
        }
        return KafkaErrors.toClusterException(t, connection.stage(), connection.bootstrapServers(), doing, timeout);
    }

    private static final Pattern USERNAME =
            Pattern.compile("\\busername=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The admin's principal as a SCRAM or PLAIN sign-in names it; null when the admin signs in otherwise. */
    static KafkaPrincipal adminPrincipal(String jaas) {
        if (jaas == null) return null;
        Matcher m = USERNAME.matcher(jaas);
        if (!m.find()) return null;
        return new KafkaPrincipal(KafkaPrincipal.USER_TYPE, m.group(1).replaceAll("\\\\(.)", "$1"));
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static KafkaPrincipal parse(String principal) {
        int colon = principal.indexOf(':');
        return colon < 0 ? new KafkaPrincipal(KafkaPrincipal.USER_TYPE, principal)
                : new KafkaPrincipal(principal.substring(0, colon), principal.substring(colon + 1));
    }
}
