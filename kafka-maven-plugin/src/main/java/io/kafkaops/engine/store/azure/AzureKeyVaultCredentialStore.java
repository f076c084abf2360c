package io.kafkaops.engine.store.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceModifiedException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.ClientOptions;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaops.engine.store.CredentialStore;
import io.kafkaops.engine.store.CredentialStoreException;
import io.kafkaops.engine.store.StoredCredential;
import io.kafkaops.engine.store.azure.KeyVaultFailures.Permission;
import io.kafkaops.model.platform.SecretStoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Stores service-account credentials as secrets in a team's Azure Key Vault, one secret per stage and service
 * account, named by {@link KeyVaultSecretNames}. The value is a JSON object with everything a client needs to connect;
 * tags say who manages the secret and for which stage, team and service account, so listing needs no secret values.
 */
public final class AzureKeyVaultCredentialStore implements CredentialStore {

    public static final String TAG_MANAGED_BY = "managed-by";
    public static final String MANAGED_BY = "kafka-maven-plugin";
    public static final String TAG_STAGE = "stage";
    public static final String TAG_TEAM = "team";
    public static final String TAG_SERVICE_ACCOUNT = "service-account";
    public static final String CONTENT_TYPE = "application/json";

    /** Writes of one secret while the vault deletes or recovers it: with {@link Backoff#exponential()}, about 1 min. */
    static final int MAX_ATTEMPTS = 8;
    private static final List<String> LEADING_FIELDS = List.of("bootstrap.servers", "security.protocol",
            "sasl.mechanism");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How long to wait before the next write of a secret the vault is still deleting or recovering. */
    @FunctionalInterface
    public interface Backoff {

        /** Waits before attempt {@code attempt + 1}; {@code attempt} starts at 1. */
        void pause(int attempt) throws InterruptedException;

        /** 1, 2, 4, 8, 16 s, then 16 s each: a real vault finishes a delete or recovery within seconds. */
        static Backoff exponential() {
            return attempt -> Thread.sleep(Duration.ofSeconds(1L << Math.min(4, attempt - 1)).toMillis());
        }
    }

    private final SecretClient client;
    private final String vaultUrl;
    private final Backoff backoff;

    /** Uses a ready client; its vault URL is the one messages name. */
    public AzureKeyVaultCredentialStore(SecretClient client) {
        this(client, Backoff.exponential());
    }

    /** Uses a ready client and waits between retries with the given backoff (tests: no real waiting). */
    public AzureKeyVaultCredentialStore(SecretClient client, Backoff backoff) {
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.client = Objects.requireNonNull(client, "client");
        String url = client.getVaultUrl();
        this.vaultUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * The store for a team's vault on a stage, signed in with {@code DefaultAzureCredential} (workload identity or
     * service principal in pipelines, {@code az login} on a workstation). Relative trust store paths resolve against
     * the working directory.
     */
    public static AzureKeyVaultCredentialStore create(SecretStoreConfig config, String team, String stage)
            throws CredentialStoreException {
        return create(config, team, stage, Path.of("").toAbsolutePath());
    }

    /** Like {@link #create(SecretStoreConfig, String, String)}, resolving a relative trust store against baseDir. */
    public static AzureKeyVaultCredentialStore create(SecretStoreConfig config, String team, String stage,
                                                      Path baseDir) throws CredentialStoreException {
        KeyVaultOptions options = KeyVaultOptions.from(config, team, stage, baseDir, System::getenv);
        TokenCredential credential;
        try {
            credential = new DefaultAzureCredentialBuilder().httpClient(new JdkHttpClientBuilder().build())
                    .httpLogOptions(httpLogOptions()).build();
        } catch (RuntimeException e) {
            throw KeyVaultFailures.map(options.vaultUrl(), "sign in", Permission.LIST, e, List.of());
        }
        return new AzureKeyVaultCredentialStore(clientBuilder(options, credential).buildClient());
    }

    /**
     * Full control for tests and embedders: where relative paths start, how environment variables are read and which
     * credential signs the requests.
     */
    public static AzureKeyVaultCredentialStore create(SecretStoreConfig config, String team, String stage,
                                                      Path baseDir, Function<String, String> environment,
                                                      TokenCredential credential) throws CredentialStoreException {
        return create(config, team, stage, baseDir, environment, credential, Backoff.exponential());
    }

    /** Like the one before, waiting with the given backoff while the vault deletes or recovers a secret. */
    public static AzureKeyVaultCredentialStore create(SecretStoreConfig config, String team, String stage,
                                                      Path baseDir, Function<String, String> environment,
                                                      TokenCredential credential, Backoff backoff)
            throws CredentialStoreException {
        Objects.requireNonNull(credential, "credential");
        KeyVaultOptions options = KeyVaultOptions.from(config, team, stage, baseDir, environment);
        return new AzureKeyVaultCredentialStore(clientBuilder(options, credential).buildClient(), backoff);
    }

    static SecretClientBuilder clientBuilder(KeyVaultOptions options, TokenCredential credential)
            throws CredentialStoreException {
        SecretClientBuilder builder = new SecretClientBuilder()
                .vaultUrl(options.vaultUrl())
                .credential(credential)
                .httpClient(httpClient(options))
                .retryOptions(retryOptions())
                .httpLogOptions(httpLogOptions())
                .clientOptions(new ClientOptions().setApplicationId(MANAGED_BY));
        if (options.disableChallengeResourceVerification()) {
            builder.disableChallengeResourceVerification();
        }
        return builder;
    }

    /**
     * What the SDK may log of HTTP traffic, pinned so that the environment ({@code AZURE_HTTP_LOG_DETAIL_LEVEL}, which
     * the SDK's defaults read) or a system property cannot turn on bodies or headers: a set-secret request body holds
     * the new password, a get-secret response body the stored one, a token response the access token. At most the
     * method, the URL (query values redacted but the API version), the status and the duration are logged, and only
     * when the user raises the SDK's log level.
     */
    static HttpLogOptions httpLogOptions() {
        return new HttpLogOptions().setLogLevel(HttpLogDetailLevel.BASIC);
    }

    @Override
    public String describe() {
        return "Azure Key Vault " + vaultUrl;
    }

    @Override
    public Set<String> existing(String stage, String team) throws CredentialStoreException {
        Set<String> principals = new TreeSet<>();
        OffsetDateTime now = OffsetDateTime.now();
        try {
            for (SecretProperties properties : client.listPropertiesOfSecrets()) {
                Map<String, String> tags = properties.getTags();
                if (tags == null || !MANAGED_BY.equals(tags.get(TAG_MANAGED_BY))
                        || !stage.equals(tags.get(TAG_STAGE)) || !team.equals(tags.get(TAG_TEAM))) {
                    continue;
                }
                String principal = tags.get(TAG_SERVICE_ACCOUNT);
                // The name check ignores tags copied by hand onto some other secret.
                if (principal == null || principal.isEmpty()
                        || !KeyVaultSecretNames.secretName(stage, principal).equalsIgnoreCase(properties.getName())) {
                    continue;
                }
                boolean usable = Boolean.TRUE.equals(properties.isEnabled())
                        && (properties.getExpiresOn() == null || properties.getExpiresOn().isAfter(now));
                if (usable) {
                    principals.add(principal);
                }
            }
        } catch (RuntimeException e) {
            throw KeyVaultFailures.map(vaultUrl, "list secrets of team '" + team + "' for stage '" + stage + "'",
                    Permission.LIST, e, List.of());
        }
        return principals;
    }

    @Override
    public void store(StoredCredential credential) throws CredentialStoreException {
        Objects.requireNonNull(credential.password(), "password");
        String name = KeyVaultSecretNames.secretName(credential.stage(), credential.principal());
        String value = secretValue(credential);
        List<String> hide = List.of(credential.password(), value, credential.jaasConfig());
        String operation = "store secret " + name + " (service account '" + credential.principal() + "', stage '"
                + credential.stage() + "')";
        KeyVaultSecret secret = new KeyVaultSecret(name, value);
        secret.getProperties()
                .setContentType(CONTENT_TYPE)
                .setEnabled(true)
                .setTags(tags(credential));
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    client.setSecret(secret);
                    return;
                } catch (ResourceModifiedException conflict) {
                    // 409: the name is in soft-delete (deleted but recoverable), or the vault is still deleting or
                    // recovering it (it does both asynchronously, even after the SDK's poller has finished)
                    if (attempt >= MAX_ATTEMPTS) {
                        throw conflict;
                    }
                    recoverIfDeleted(name);
                    pause(attempt, operation);
                }
            }
        } catch (ResourceModifiedException e) {
            String code = KeyVaultFailures.errorCode(e);
            if (code.startsWith("ObjectIsBeing")) {
                throw new CredentialStoreException("Azure Key Vault " + vaultUrl + ": " + operation + " failed: the"
                        + " secret is still being deleted or recovered (" + code + ") after " + MAX_ATTEMPTS
                        + " attempts; run the deploy again in a minute.");
            }
            throw KeyVaultFailures.map(vaultUrl, operation, Permission.SET, e, hide);
        } catch (RuntimeException e) {
            throw KeyVaultFailures.map(vaultUrl, operation, Permission.SET, e, hide);
        }
    }

    /**
     * Recovers the name when the vault holds it in soft-delete, so its old versions stay for audit and the next write
     * becomes its newest version. Starts the recovery and returns: the vault finishes it on its own, and meanwhile
     * answers writes with 409 {@code ObjectIsBeingRecovered}, which the caller retries. A name that is not (or not yet)
     * in soft-delete, or that the vault is still deleting, is left alone.
     */
    private void recoverIfDeleted(String name) throws CredentialStoreException {
        try {
            client.getDeletedSecret(name);
        } catch (ResourceNotFoundException notDeleted) {
            return;
        } catch (HttpResponseException e) {
            if (e.getResponse() == null || e.getResponse().getStatusCode() != 403) {
                throw KeyVaultFailures.map(vaultUrl, "look up soft-deleted secret " + name, Permission.LIST, e,
                        List.of());
            }
            // may recover without being allowed to read deleted secrets: try it
        } catch (RuntimeException e) {
            throw KeyVaultFailures.map(vaultUrl, "look up soft-deleted secret " + name, Permission.LIST, e,
                    List.of());
        }
        try {
            client.beginRecoverDeletedSecret(name);
        } catch (ResourceNotFoundException | ResourceModifiedException stateChanged) {
            // 404: no longer deleted (recovered or purged meanwhile); 409: still being deleted or recovered
        } catch (RuntimeException e) {
            throw KeyVaultFailures.map(vaultUrl, "recover soft-deleted secret " + name, Permission.RECOVER, e,
                    List.of());
        }
    }

    private void pause(int attempt, String operation) throws CredentialStoreException {
        try {
            backoff.pause(attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CredentialStoreException("Azure Key Vault " + vaultUrl + ": " + operation + " was interrupted");
        }
    }

    @Override
    public void delete(String stage, String team, String principal) throws CredentialStoreException {
        String name = KeyVaultSecretNames.secretName(stage, principal);
        String operation = "delete secret " + name + " (service account '" + principal + "', stage '" + stage + "')";
        try {
            // Starts the delete without waiting for it: the vault finishes it on its own, and a later write of the
            // same name waits for that (see store).
            client.beginDeleteSecret(name);
        } catch (RuntimeException e) {
            HttpResponseException http = KeyVaultFailures.find(e, HttpResponseException.class);
            if (http != null && http.getResponse() != null && http.getResponse().getStatusCode() == 404) {
                return;
            }
            throw KeyVaultFailures.map(vaultUrl, operation, Permission.DELETE, e, List.of());
        }
    }

    /** The secret's value: Kafka client properties plus username, password and sasl.jaas.config, as JSON. */
    static String secretValue(StoredCredential credential) {
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> properties = new TreeMap<>(credential.clientProperties());
        for (String key : LEADING_FIELDS) {
            String v = properties.remove(key);
            if (v != null) {
                fields.put(key, v);
            }
        }
        fields.putAll(properties);
        fields.put("username", credential.username());
        fields.put("password", credential.password());
        fields.put("sasl.jaas.config", credential.jaasConfig());
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            // Strings only: cannot happen, and the exception text could echo the password.
            throw new IllegalStateException("could not write the credential as JSON");
        }
    }

    static Map<String, String> tags(StoredCredential credential) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(TAG_MANAGED_BY, MANAGED_BY);
        tags.put(TAG_STAGE, credential.stage());
        tags.put(TAG_TEAM, credential.team());
        tags.put(TAG_SERVICE_ACCOUNT, credential.principal());
        return tags;
    }

    private static HttpClient httpClient(KeyVaultOptions options) throws CredentialStoreException {
        if (options.trustStore() == null) {
            return new JdkHttpClientBuilder().build();
        }
        SSLContext ssl = sslContext(options);
        return new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(ssl)).build();
    }

    private static SSLContext sslContext(KeyVaultOptions options) throws CredentialStoreException {
        Path path = options.trustStore();
        String where = "Azure Key Vault " + options.vaultUrl() + ": trust store " + path;
        if (!Files.isRegularFile(path)) {
            throw new CredentialStoreException(where + " does not exist (property '" + KeyVaultOptions.TRUST_STORE
                    + "')");
        }
        try {
            KeyStore trustStore = KeyStore.getInstance(path.toFile(), options.trustStorePassword());
            if (trustStore.size() == 0) {
                throw new CredentialStoreException(where + " holds no certificates"
                        + (options.trustStorePassword() == null ? "; a PKCS12 trust store can only be read with its"
                        + " password: set '" + KeyVaultOptions.TRUST_STORE_PASSWORD_ENV + "'" : ""));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new CredentialStoreException(where + " could not be read (" + e.getMessage() + "); check the file"
                    + " and the password in the variable named by '" + KeyVaultOptions.TRUST_STORE_PASSWORD_ENV + "'",
                    e);
        }
    }

    /**
     * The SDK's default retries, except that TLS failures (an untrusted certificate does not heal) and token errors
     * fail at once instead of after half a minute of back-off.
     */
    private static RetryOptions retryOptions() {
        return new RetryOptions(new ExponentialBackoffOptions()).setShouldRetryCondition(condition -> {
            HttpResponse response = condition.getResponse();
            if (response != null) {
                int status = response.getStatusCode();
                return status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505);
            }
            Throwable failure = condition.getThrowable();
            return (failure instanceof IOException || failure instanceof TimeoutException)
                    && KeyVaultFailures.find(failure, SSLException.class) == null;
        });
    }

    @Override
    public String toString() {
        return describe();
    }
}
