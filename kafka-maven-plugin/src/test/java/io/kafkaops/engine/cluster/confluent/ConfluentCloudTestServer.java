package io.kafkaops.engine.cluster.confluent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * A stand-in for Confluent Cloud's IAM v2 service accounts and API Keys v2, over HTTPS on loopback, for tests: no
 * Confluent Cloud is reachable from the build. It serves the subset the Confluent Cloud adapter uses as Confluent's
 * OpenAPI documents describe it (fields, status codes, the {@code errors} shape, pagination with {@code page_size},
 * {@code page_token} and {@code metadata.next} as a full URL, the secret only in the create response, HTTP Basic with
 * a Cloud API key), checks every exchange against those documents ({@link #contractViolations()}), and injects what
 * the real service does ({@link Options}).
 *
 * <p>The keys it issues are real for the test broker of {@link ConfluentCloudTestCluster}: it writes them (secrets
 * hashed) to {@link #keyRegistry()}, which the broker's PLAIN callback handler reads; {@link #keyWorks} is the same
 * rule.
 *
 * <pre>{@code
 * try (ConfluentCloudTestServer cloud = ConfluentCloudTestServer.start(new Options().maxPageSize(1))) {
 *     HttpClient http = HttpClient.newBuilder().sslContext(cloud.clientSslContext()).build();
 *     ... cloud.baseUrl().resolve("/iam/v2/service-accounts") with Basic cloud.cloudApiKey() ...
 *     assertThat(cloud.contractViolations()).isEmpty();
 * }
 * }</pre>
 */
public final class ConfluentCloudTestServer implements AutoCloseable {

    static final String SERVICE_ACCOUNTS = "/iam/v2/service-accounts";
    static final String API_KEYS = "/iam/v2/api-keys";
    /** The {@code resource.id} of a Cloud API key (IAM and other organization APIs), as Confluent reports it. */
    static final String CLOUD_RESOURCE = "cloud";
    private static final int DEFAULT_PAGE_SIZE = 10;
    private static final int MAX_PAGE_SIZE = 100;
    private static final String ALNUM_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String ALNUM_LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String SECRET_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final Options options;
    private final Path dir;
    private final TlsMaterial tls;
    private final SSLContext clientSslContext;
    private final HttpsServer server;
    private final ExecutorService executor;
    private final OpenApiContract contract;
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final URI baseUrl;
    private final String organizationId = UUID.randomUUID().toString();
    private final String environmentId;
    private final String kafkaClusterId;
    private final Credential cloudApiKey;
    private final Credential clusterAdminKey;
    private final String clusterAdminAccount;
    private final Path registry;

    // the state; guarded by this
    private final Map<String, Account> accounts = new TreeMap<>();
    private final Map<String, Key> keys = new TreeMap<>();
    private final List<Fault> faults = new ArrayList<>();
    private long windowStartNanos;
    private int windowCount;

    private final AtomicLong requests = new AtomicLong();
    private final List<String> violations = new CopyOnWriteArrayList<>();

    private ConfluentCloudTestServer(Options options) throws IOException {
        this.options = options;
        this.faults.addAll(options.faults);
        this.dir = Files.createTempDirectory("kafkaops-ccloud-");
        this.registry = dir.resolve("keys.registry");
        this.tls = TlsMaterial.shared();
        this.clientSslContext = tls.clientContext();
        this.contract = OpenApiContract.load();
        this.environmentId = "env-" + randomString(ALNUM_LOWER, 6);
        this.kafkaClusterId = "lkc-" + randomString(ALNUM_LOWER, 6);
        this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "confluent-cloud-test-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        this.baseUrl = URI.create("https://127.0.0.1:" + server.getAddress().getPort());
        synchronized (this) {
            String iamAdmin = createServiceAccount("cloud-api-admin", "Owns the Cloud API key of the tests");
            this.cloudApiKey = issueKey(iamAdmin, CLOUD_RESOURCE, "Cloud API key of the tests", Duration.ZERO);
            this.clusterAdminAccount = createServiceAccount("cluster-admin",
                    "Super user of the test Kafka cluster");
            this.clusterAdminKey = issueKey(clusterAdminAccount, kafkaClusterId,
                    "Kafka API key of the cluster admin", Duration.ZERO);
        }
        server.start();
    }

    /** Starts a server with the given fault injection on a free loopback port. */
    public static ConfluentCloudTestServer start(Options options) {
        try {
            return new ConfluentCloudTestServer(Objects.requireNonNull(options, "options").copy());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the Confluent Cloud test server", e);
        }
    }

    /** Starts a server that behaves well: no delays, no limits, no faults. */
    public static ConfluentCloudTestServer start() {
        return start(new Options());
    }

    /** {@code https://127.0.0.1:PORT}; the API paths ({@code /iam/v2/...}) go below it. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** A PKCS12 trust store holding the server's self-signed certificate (also the test broker's). */
    public Path trustStore() {
        return tls.trustStore;
    }

    /** The trust store's password; it opens nothing but the public certificate. */
    public String trustStorePassword() {
        return tls.trustPassword;
    }

    /** An SSL context that trusts the server, for {@code HttpClient.newBuilder().sslContext(...)}. */
    public SSLContext clientSslContext() {
        return clientSslContext;
    }

    /** The one environment the server knows ({@code env-...}). */
    public String environmentId() {
        return environmentId;
    }

    /** The one Kafka cluster the server knows ({@code lkc-...}), in that environment. */
    public String kafkaClusterId() {
        return kafkaClusterId;
    }

    /** A Cloud API key (resource {@code cloud}) the server accepts with HTTP Basic on {@code /iam/v2/*}. */
    public Credential cloudApiKey() {
        return cloudApiKey;
    }

    /** A Kafka API key of {@link #kafkaClusterId()} owned by the cluster admin account (super user on the broker). */
    public Credential clusterAdminKey() {
        return clusterAdminKey;
    }

    /** {@code User:sa-...}: the principal of {@link #clusterAdminKey()}. */
    public String clusterAdminPrincipal() {
        return "User:" + clusterAdminAccount;
    }

    /** The service account id ({@code sa-...}) that owns {@link #clusterAdminKey()}. */
    public String clusterAdminAccount() {
        return clusterAdminAccount;
    }

    /** The key registry file the test broker reads (hashed secrets, owners, activation times). */
    public Path keyRegistry() {
        return registry;
    }

    /** The PKCS12 key store of the server's certificate, for the test broker's SASL_SSL listener. */
    Path keyStore() {
        return tls.keyStore;
    }

    /** The password of {@link #keyStore()}. */
    String keyStorePassword() {
        return tls.password;
    }

    /** The service accounts the server holds now, ordered by id. */
    public synchronized List<ServiceAccountView> serviceAccounts() {
        return accounts.values().stream()
                .map(a -> new ServiceAccountView(a.id, a.displayName, a.description))
                .toList();
    }

    /** The API keys the server holds now (issued, not deleted), ordered by id; secrets are not part of a view. */
    public synchronized List<ApiKeyView> apiKeys() {
        return keys.values().stream()
                .map(k -> new ApiKeyView(k.id, k.ownerId, k.resourceId, k.displayName, k.description, k.activeAt))
                .toList();
    }

    /**
     * What the broker's PLAIN check asks: the key exists (issued, not deleted), is scoped to {@link #kafkaClusterId()},
     * its activation delay has passed and {@code secret} is its secret.
     */
    public synchronized boolean keyWorks(String keyId, String secret) {
        Key key = keys.get(keyId);
        return key != null && secret != null && key.entry().accepts(secret, kafkaClusterId, Instant.now());
    }

    /** Every HTTP request answered so far, including the ones refused (401, 429, injected faults). */
    public long requestCount() {
        return requests.get();
    }

    /** Every request or response that did not match Confluent's OpenAPI documents, one line each. */
    public List<String> contractViolations() {
        return List.copyOf(violations);
    }

    /**
     * Creates a service account directly (no HTTP request), as one made by hand in the Confluent Cloud console.
     *
     * @return its id ({@code sa-...})
     */
    public synchronized String createServiceAccount(String displayName, String description) {
        String id;
        do {
            id = "sa-" + randomString(ALNUM_LOWER, 6);
        } while (accounts.containsKey(id));
        Instant now = now();
        accounts.put(id, new Account(id, displayName, description == null ? "" : description, now));
        return id;
    }

    /** Renames a service account directly (no HTTP request), as one renamed by hand in the Confluent Cloud console. */
    public synchronized void renameServiceAccount(String id, String displayName) {
        Account a = accounts.get(id);
        if (a == null) throw new IllegalArgumentException("no service account " + id);
        a.displayName = displayName;
        a.updatedAt = now();
    }

    /**
     * Issues a Kafka API key of {@link #kafkaClusterId()} for {@code ownerId} directly (no HTTP request), as one made
     * by hand; it works after the options' activation delay, like one made through the API.
     */
    public synchronized Credential createApiKey(String ownerId, String description) {
        return createApiKey(ownerId, description, options.keyActivationDelay);
    }

    /** {@link #createApiKey(String, String)} with its own activation delay instead of the options'. */
    public synchronized Credential createApiKey(String ownerId, String description, Duration activationDelay) {
        if (!accounts.containsKey(ownerId)) {
            throw new IllegalArgumentException("No service account " + ownerId);
        }
        return issueKey(ownerId, kafkaClusterId, description, activationDelay);
    }

    /** Stops the server and deletes its key registry (the certificate is shared by this JVM's servers). */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temporary directory; nothing else depends on it
        }
    }

    @Override
    public String toString() {
        return "ConfluentCloudTestServer[" + baseUrl + ", " + environmentId + "/" + kafkaClusterId + "]";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            Map<String, List<String>> query = parseQuery(exchange.getRequestURI().getRawQuery());
            Map<String, List<String>> requestHeaders = new LinkedHashMap<>(exchange.getRequestHeaders());
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Reply reply;
            try {
                reply = respond(method, path, query, exchange.getRequestHeaders().getFirst("Authorization"), body);
            } catch (RuntimeException e) {
                reply = error(500, "internal_error", "Internal Server Error",
                        "The test server failed: " + e.getClass().getSimpleName());
            }
            reply.headers.put("X-Request-Id", UUID.randomUUID().toString());
            if (reply.body != null) {
                reply.headers.put("Content-Type", "application/json");
            }
            Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
            reply.headers.forEach((name, value) -> responseHeaders.put(name, List.of(value)));
            // checked before the client sees the answer, so a test that asserts right after its call sees it too
            try {
                violations.addAll(contract.check(method, path, query, requestHeaders, body, reply.status,
                        responseHeaders, reply.body, !reply.injected || reply.status == 500));
            } catch (RuntimeException e) {
                // a check that cannot run must not pass silently
                violations.add(method + " " + path + " -> " + reply.status + ": the contract check failed: " + e);
            }
            reply.headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            byte[] bytes = reply.body == null ? new byte[0] : reply.body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private Reply respond(String method, String path, Map<String, List<String>> query, String authorization,
                          String body) {
        Reply limited = rateLimit();
        if (limited != null && limited.status == 429) {
            return limited;
        }
        Reply reply = injectedFault(path);
        if (reply == null) {
            reply = authenticated(authorization) ? route(method, path, query, body) : unauthenticated();
        }
        if (limited != null) {
            reply.headers.putAll(limited.headers);
        }
        return reply;
    }

    private Reply route(String method, String path, Map<String, List<String>> query, String body) {
        if (path.equals(SERVICE_ACCOUNTS)) {
            return switch (method) {
                case "GET" -> listServiceAccounts(query);
                case "POST" -> createServiceAccount(body);
                default -> notAllowed(method, path);
            };
        }
        if (path.startsWith(SERVICE_ACCOUNTS + "/")) {
            String id = decode(path.substring(SERVICE_ACCOUNTS.length() + 1));
            return switch (method) {
                case "GET" -> getServiceAccount(id);
                case "PATCH" -> updateServiceAccount(id, body);
                case "DELETE" -> deleteServiceAccount(id);
                default -> notAllowed(method, path);
            };
        }
        if (path.equals(API_KEYS)) {
            return switch (method) {
                case "GET" -> listApiKeys(query);
                case "POST" -> createApiKey(body);
                default -> notAllowed(method, path);
            };
        }
        if (path.startsWith(API_KEYS + "/")) {
            String id = decode(path.substring(API_KEYS.length() + 1));
            return switch (method) {
                case "GET" -> getApiKey(id);
                case "PATCH" -> updateApiKey(id, body);
                case "DELETE" -> deleteApiKey(id);
                default -> notAllowed(method, path);
            };
        }
        return error(404, "not_found", "Not Found", "The test server has no resource " + path);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // service accounts

    private synchronized Reply listServiceAccounts(Map<String, List<String>> query) {
        List<String> names = query.getOrDefault("display_name", List.of());
        List<Account> matching = accounts.values().stream()
                .filter(a -> names.isEmpty() || names.contains(a.displayName))
                .toList();
        return page(SERVICE_ACCOUNTS, "ServiceAccountList", query, List.of("display_name"), matching,
                a -> a.id, this::serviceAccountJson);
    }

    private synchronized Reply createServiceAccount(String body) {
        ObjectNode request = parseObject(body);
        if (request == null) {
            return badRequest("The request body is not a JSON object", null);
        }
        String displayName = request.path("display_name").asText("");
        if (displayName.isBlank()) {
            return badRequest("display_name is required", "/display_name");
        }
        if (accounts.values().stream().anyMatch(a -> a.displayName.equals(displayName))) {
            return error(409, "resource_already_exists", "Resource Already Exists",
                    "Service name is already in use.");
        }
        String id = createServiceAccount(displayName, request.path("description").asText(""));
        return reply(201, serviceAccountJson(accounts.get(id)));
    }

    private synchronized Reply getServiceAccount(String id) {
        Account account = accounts.get(id);
        return account == null ? notFound("service account", id) : reply(200, serviceAccountJson(account));
    }

    private synchronized Reply updateServiceAccount(String id, String body) {
        Account account = accounts.get(id);
        if (account == null) {
            return notFound("service account", id);
        }
        ObjectNode request = parseObject(body);
        if (request == null) {
            return badRequest("The request body is not a JSON object", null);
        }
        if (request.has("description")) {
            account.description = request.path("description").asText("");
        }
        if (request.has("display_name")) {
            String displayName = request.path("display_name").asText("");
            if (displayName.isBlank()) {
                return badRequest("display_name must not be empty", "/display_name");
            }
            if (accounts.values().stream().anyMatch(a -> a != account && a.displayName.equals(displayName))) {
                return error(409, "resource_already_exists", "Resource Already Exists",
                        "Service name is already in use.");
            }
            account.displayName = displayName;
        }
        account.updatedAt = now();
        return reply(200, serviceAccountJson(account));
    }

    private synchronized Reply deleteServiceAccount(String id) {
        if (accounts.remove(id) == null) {
            return notFound("service account", id);
        }
        // as Confluent documents: deleting a service account deletes its API keys (not its ACLs)
        keys.values().removeIf(k -> k.ownerId.equals(id));
        writeRegistry();
        return new Reply(204, null);
    }

    private ObjectNode serviceAccountJson(Account a) {
        ObjectNode node = json.createObjectNode();
        node.put("api_version", "iam/v2");
        node.put("kind", "ServiceAccount");
        node.put("id", a.id);
        ObjectNode metadata = node.putObject("metadata");
        metadata.put("self", baseUrl + SERVICE_ACCOUNTS + "/" + a.id);
        metadata.put("resource_name", crn("service-account=" + a.id));
        metadata.put("created_at", a.createdAt.toString());
        metadata.put("updated_at", a.updatedAt.toString());
        node.put("display_name", a.displayName);
        node.put("description", a.description);
        return node;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // API keys

    private synchronized Reply listApiKeys(Map<String, List<String>> query) {
        List<String> owners = query.getOrDefault("spec.owner", List.of());
        List<String> resources = query.getOrDefault("spec.resource", List.of());
        List<Key> matching = keys.values().stream()
                .filter(k -> owners.isEmpty() || owners.contains(k.ownerId))
                .filter(k -> resources.isEmpty() || resources.contains(k.resourceId))
                .toList();
        return page(API_KEYS, "ApiKeyList", query, List.of("spec.owner", "spec.resource"), matching, k -> k.id,
                k -> apiKeyJson(k, null));
    }

    private synchronized Reply createApiKey(String body) {
        ObjectNode request = parseObject(body);
        if (request == null) {
            return badRequest("The request body is not a JSON object", null);
        }
        JsonNode spec = request.path("spec");
        String ownerId = spec.path("owner").path("id").asText("");
        if (ownerId.isEmpty()) {
            return badRequest("spec.owner.id is required", "/spec/owner/id");
        }
        if (!accounts.containsKey(ownerId)) {
            return badRequest("The owner " + ownerId + " does not exist", "/spec/owner/id");
        }
        JsonNode resource = spec.path("resource");
        String resourceId = resource.isObject() ? resource.path("id").asText("") : CLOUD_RESOURCE;
        if (!resourceId.equals(CLOUD_RESOURCE)) {
            if (!resourceId.equals(kafkaClusterId)) {
                return badRequest("The resource " + resourceId + " does not exist", "/spec/resource/id");
            }
            String environment = resource.path("environment").asText("");
            if (!environment.equals(environmentId)) {
                return badRequest("The resource " + resourceId + " is not in environment '" + environment + "'",
                        "/spec/resource/environment");
            }
        }
        long owned = keys.values().stream().filter(k -> k.ownerId.equals(ownerId)).count();
        if (options.maxKeysPerAccount > 0 && owned >= options.maxKeysPerAccount) {
            // Confluent's documented answer to a create that would pass a quota (OverQuotaError)
            return error(402, "quota_exceeded", "API Keys Per Service Account Quota Exceeded",
                    "The request would exceed the quota: api_keys_per_user (" + options.maxKeysPerAccount
                            + " for " + ownerId + ")");
        }
        Credential credential = issueKey(ownerId, resourceId, null, options.keyActivationDelay);
        Key key = keys.get(credential.key());
        key.displayName = spec.path("display_name").asText("");
        key.description = spec.path("description").asText("");
        return reply(202, apiKeyJson(key, credential.secret()));
    }

    private synchronized Reply getApiKey(String id) {
        Key key = keys.get(id);
        return key == null ? notFound("API key", id) : reply(200, apiKeyJson(key, null));
    }

    private synchronized Reply updateApiKey(String id, String body) {
        Key key = keys.get(id);
        if (key == null) {
            return notFound("API key", id);
        }
        ObjectNode request = parseObject(body);
        if (request == null) {
            return badRequest("The request body is not a JSON object", null);
        }
        JsonNode spec = request.path("spec");
        if (spec.has("description")) {
            key.description = spec.path("description").asText("");
        }
        if (spec.has("display_name")) {
            key.displayName = spec.path("display_name").asText("");
        }
        key.updatedAt = now();
        return reply(200, apiKeyJson(key, null));
    }

    private synchronized Reply deleteApiKey(String id) {
        if (keys.remove(id) == null) {
            return notFound("API key", id);
        }
        writeRegistry();
        return new Reply(204, null);
    }

    private ObjectNode apiKeyJson(Key k, String secret) {
        ObjectNode node = json.createObjectNode();
        node.put("api_version", "iam/v2");
        node.put("kind", "ApiKey");
        node.put("id", k.id);
        ObjectNode metadata = node.putObject("metadata");
        metadata.put("self", baseUrl + API_KEYS + "/" + k.id);
        metadata.put("resource_name", crn("api-key=" + k.id));
        metadata.put("created_at", k.createdAt.toString());
        metadata.put("updated_at", k.updatedAt.toString());
        ObjectNode spec = node.putObject("spec");
        if (secret != null) {
            spec.put("secret", secret);
        }
        spec.put("display_name", k.displayName);
        spec.put("description", k.description);
        ObjectNode owner = spec.putObject("owner");
        owner.put("id", k.ownerId);
        owner.put("related", baseUrl + SERVICE_ACCOUNTS + "/" + k.ownerId);
        owner.put("resource_name", crn("service-account=" + k.ownerId));
        owner.put("api_version", "iam/v2");
        owner.put("kind", "ServiceAccount");
        ObjectNode resource = spec.putObject("resource");
        resource.put("id", k.resourceId);
        if (k.resourceId.equals(CLOUD_RESOURCE)) {
            resource.put("related", baseUrl + "/iam/v2/api-keys");
            resource.put("resource_name", crn("cloud"));
            resource.put("kind", "Cloud");
        } else {
            resource.put("environment", environmentId);
            resource.put("related", baseUrl + "/cmk/v2/clusters/" + k.resourceId + "?environment=" + environmentId);
            resource.put("resource_name", crn("environment=" + environmentId + "/cloud-cluster=" + k.resourceId));
            resource.put("api_version", "cmk/v2");
            resource.put("kind", "Cluster");
        }
        return node;
    }

    /** Creates a key and publishes it to the broker's registry; the caller holds the lock. */
    private Credential issueKey(String ownerId, String resourceId, String description, Duration activationDelay) {
        String id;
        do {
            id = randomString(ALNUM_UPPER, 16);
        } while (keys.containsKey(id));
        String secret = randomString(SECRET_CHARS, 64);
        Instant now = now();
        Key key = new Key(id, KeyRegistry.sha256(secret), ownerId, resourceId, now,
                Instant.now().plus(activationDelay));
        key.description = description == null ? "" : description;
        keys.put(id, key);
        writeRegistry();
        return new Credential(id, secret);
    }

    private void writeRegistry() {
        KeyRegistry.write(registry, keys.values().stream().map(Key::entry).toList());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // pagination, auth, faults

    private <T> Reply page(String path, String kind, Map<String, List<String>> query, List<String> filterNames,
                           List<T> items, java.util.function.Function<T, String> idOf,
                           java.util.function.Function<T, ObjectNode> toJson) {
        int requested = DEFAULT_PAGE_SIZE;
        String sizeText = first(query, "page_size");
        if (sizeText != null) {
            try {
                requested = Integer.parseInt(sizeText);
            } catch (NumberFormatException e) {
                requested = -1;
            }
            if (requested < 1 || requested > MAX_PAGE_SIZE) {
                return error(400, "invalid_page_size", "Invalid Page Size",
                        "page_size must be between 1 and " + MAX_PAGE_SIZE, "page_size");
            }
        }
        int size = Math.min(requested, options.maxPageSize);
        List<T> sorted = items.stream().sorted(Comparator.comparing(idOf)).toList();
        int start = 0;
        String token = first(query, "page_token");
        if (token != null) {
            String after;
            try {
                after = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return error(400, "invalid_page_token", "Invalid Page Token", "The page_token is not valid",
                        "page_token");
            }
            while (start < sorted.size() && idOf.apply(sorted.get(start)).compareTo(after) <= 0) {
                start++;
            }
        }
        int end = Math.min(sorted.size(), start + size);
        ObjectNode list = json.createObjectNode();
        list.put("api_version", "iam/v2");
        list.put("kind", kind);
        StringBuilder filters = new StringBuilder();
        for (String name : filterNames) {
            for (String value : query.getOrDefault(name, List.of())) {
                filters.append(encode(name)).append('=').append(encode(value)).append('&');
            }
        }
        String self = baseUrl + path + "?" + filters + "page_size=" + requested;
        ObjectNode metadata = list.putObject("metadata");
        metadata.put("first", self);
        if (end < sorted.size()) {
            String next = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(idOf.apply(sorted.get(end - 1)).getBytes(StandardCharsets.UTF_8));
            metadata.put("next", self + "&page_token=" + next);
        }
        metadata.put("total_size", sorted.size());
        ArrayNode data = list.putArray("data");
        sorted.subList(start, end).forEach(item -> data.add(toJson.apply(item)));
        return reply(200, list);
    }

    private boolean authenticated(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        synchronized (this) {
            Key key = keys.get(decoded.substring(0, colon));
            return key != null && key.entry().accepts(decoded.substring(colon + 1), CLOUD_RESOURCE, Instant.now());
        }
    }

    private Reply unauthenticated() {
        Reply reply = error(401, "user_unauthenticated", "Authentication Required",
                "Valid authentication credentials must be provided");
        reply.headers.put("WWW-Authenticate",
                "Basic error=\"invalid_key\", error_description=\"The API Key is invalid\"");
        return reply;
    }

    /**
     * The rate limit of {@link Options#rateLimit}: null without one, else the headers every answer carries, with
     * status 429 once the window's budget is spent.
     */
    private synchronized Reply rateLimit() {
        if (options.rateLimitRequests <= 0) {
            return null;
        }
        long now = System.nanoTime();
        long window = options.rateLimitWindow.toNanos();
        if (windowCount == 0 || now - windowStartNanos >= window) {
            windowStartNanos = now;
            windowCount = 0;
        }
        windowCount++;
        long resetNanos = windowStartNanos + window - now;
        // whole seconds until the window resets, relative as Confluent documents (never 0 while it is closed)
        long resetSeconds = Math.max(1, (resetNanos + 999_999_999L) / 1_000_000_000L);
        int remaining = Math.max(0, options.rateLimitRequests - windowCount);
        boolean refused = windowCount > options.rateLimitRequests;
        Reply reply = new Reply(refused ? 429 : 0, null);
        reply.headers.put("X-RateLimit-Limit", String.valueOf(options.rateLimitRequests));
        reply.headers.put("X-RateLimit-Remaining", String.valueOf(remaining));
        reply.headers.put("X-RateLimit-Reset", String.valueOf(resetSeconds));
        if (refused) {
            reply.headers.put("Retry-After", String.valueOf(resetSeconds));
        }
        return reply;
    }

    private synchronized Reply injectedFault(String path) {
        for (Fault fault : faults) {
            if (path.startsWith(fault.pathPrefix)) {
                faults.remove(fault);
                Reply reply = error(fault.status, "injected_fault", "Injected Fault",
                        "The test server failed this request on purpose");
                reply.injected = true;
                return reply;
            }
        }
        return null;
    }

    private Reply notAllowed(String method, String path) {
        return error(405, "method_not_allowed", "Method Not Allowed", method + " is not supported on " + path);
    }

    private Reply notFound(String what, String id) {
        return error(404, "not_found", "Not Found", "The " + what + " '" + id + "' was not found");
    }

    private Reply badRequest(String detail, String pointer) {
        Reply reply = error(400, "invalid_input", "Bad Request", detail);
        if (pointer != null) {
            try {
                ObjectNode body = (ObjectNode) json.readTree(reply.body);
                ((ObjectNode) body.path("errors").get(0)).putObject("source").put("pointer", pointer);
                reply.body = json.writeValueAsString(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return reply;
    }

    private Reply error(int status, String code, String title, String detail) {
        return error(status, code, title, detail, null);
    }

    private Reply error(int status, String code, String title, String detail, String parameter) {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putArray("errors").addObject();
        error.put("id", UUID.randomUUID().toString());
        error.put("status", String.valueOf(status));
        error.put("code", code);
        error.put("title", title);
        error.put("detail", detail);
        if (parameter != null) {
            error.putObject("source").put("parameter", parameter);
        }
        return reply(status, body);
    }

    private Reply reply(int status, ObjectNode body) {
        try {
            return new Reply(status, json.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode parseObject(String body) {
        try {
            return json.readTree(body) instanceof ObjectNode object ? object : null;
        } catch (IOException e) {
            return null;
        }
    }

    private String crn(String tail) {
        return "crn://confluent.cloud/organization=" + organizationId + "/" + tail;
    }

    private String randomString(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** A service account as the server holds it. */
    public record ServiceAccountView(String id, String displayName, String description) {
    }

    /**
     * An API key as the server holds it; it has no secret, so it can be printed.
     *
     * @param resourceId the Kafka cluster id, or {@code cloud} for a Cloud API key
     * @param activeAt   when the key starts to work
     */
    public record ApiKeyView(String id, String ownerId, String resourceId, String displayName, String description,
                             Instant activeAt) {
    }

    private static final class Account {
        final String id;
        String displayName;
        String description;
        final Instant createdAt;
        Instant updatedAt;

        Account(String id, String displayName, String description, Instant createdAt) {
            this.id = id;
            this.displayName = displayName;
            this.description = description;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
        }
    }

    private static final class Key {
        final String id;
        final String secretSha256;
        final String ownerId;
        final String resourceId;
        final Instant createdAt;
        final Instant activeAt;
        Instant updatedAt;
        String displayName = "";
        String description = "";

        Key(String id, String secretSha256, String ownerId, String resourceId, Instant createdAt, Instant activeAt) {
            this.id = id;
            this.secretSha256 = secretSha256;
            this.ownerId = ownerId;
            this.resourceId = resourceId;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
            this.activeAt = activeAt;
        }

        KeyRegistry.Entry entry() {
            return new KeyRegistry.Entry(id, secretSha256, ownerId, resourceId, activeAt);
        }
    }

    private record Fault(int status, String pathPrefix) {
    }

    private static final class Reply {
        final int status;
        String body;
        boolean injected;
        final Map<String, String> headers = new LinkedHashMap<>();

        Reply(int status, String body) {
            this.status = status;
            this.body = body;
        }
    }

    /** What the server injects; all optional, a well-behaved server by default. Setters chain. */
    public static final class Options {
        private Duration keyActivationDelay = Duration.ZERO;
        private int rateLimitRequests;
        private Duration rateLimitWindow = Duration.ofSeconds(1);
        private int maxPageSize = MAX_PAGE_SIZE;
        private int maxKeysPerAccount;
        private final List<Fault> faults = new ArrayList<>();

        /** A new key (through the API or {@link #createApiKey}) works on the broker only after this. */
        public Options keyActivationDelay(Duration delay) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("The activation delay must not be negative");
            }
            this.keyActivationDelay = delay;
            return this;
        }

        /**
         * At most {@code requests} requests per {@code window} (fixed windows); the rest are answered 429 with
         * {@code Retry-After} and {@code X-RateLimit-Reset} (seconds until the window resets, at least 1), and
         * every answer carries {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining}, {@code X-RateLimit-Reset}.
         */
        public Options rateLimit(int requests, Duration window) {
            if (requests < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("A rate limit needs at least one request per positive window");
            }
            this.rateLimitRequests = requests;
            this.rateLimitWindow = window;
            return this;
        }

        /** Pages hold at most this many items whatever page_size asks (the rest through metadata.next). */
        public Options maxPageSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("The page size must be at least 1");
            }
            this.maxPageSize = size;
            return this;
        }

        /**
         * The next request whose path starts with {@code pathPrefix} fails once with {@code status} (a 5xx) in
         * Confluent's error shape. Call again for more faults; each fires once, in order.
         */
        public Options failOnce(int status, String pathPrefix) {
            if (status < 500 || status > 599) {
                throw new IllegalArgumentException("failOnce injects server errors (5xx), not " + status);
            }
            faults.add(new Fault(status, Objects.requireNonNull(pathPrefix, "pathPrefix")));
            return this;
        }

        /**
         * Creating a key for an account that already has {@code max} keys is refused with Confluent's over-quota
         * error (402 {@code quota_exceeded}); no limit by default.
         */
        public Options maxKeysPerAccount(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("The key limit must be at least 1");
            }
            this.maxKeysPerAccount = max;
            return this;
        }

        private Options copy() {
            Options copy = new Options();
            copy.keyActivationDelay = keyActivationDelay;
            copy.rateLimitRequests = rateLimitRequests;
            copy.rateLimitWindow = rateLimitWindow;
            copy.maxPageSize = maxPageSize;
            copy.maxKeysPerAccount = maxKeysPerAccount;
            copy.faults.addAll(faults);
            return copy;
        }
    }
}
