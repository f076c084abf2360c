package io.kafkaops.engine.store.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An HTTPS server that answers the part of the Azure Key Vault secrets REST API the official SDK uses: the bearer
 * challenge, set, get, list (paged), list versions, delete, get deleted, recover and purge, with soft-delete. One
 * instance is one vault on its own loopback port; it records every request so tests can check what went where.
 *
 * <p>Like the real service, it deletes and recovers asynchronously: the operation answers at once, and for the next
 * {@link #asyncRequests(int) few requests} the name is in transition. Meanwhile a write of the name is answered 409
 * {@code ObjectIsBeingDeleted} / {@code ObjectIsBeingRecovered}, so is a recovery of a secret still being deleted, and
 * the secret is neither readable nor listed, nor (while being deleted) found among the deleted secrets.
 *
 * <p>The TLS certificate is self-signed, made once per JVM with the JDK's keytool; {@link #trustStore()} is a PKCS12
 * trust store holding it, protected by {@link #trustStorePassword()}.
 *
 * <p>Next to the vault, a plain HTTP server plays the managed identity endpoint of Azure App Service, which hands out
 * the vault's token: a process started with {@link #managedIdentityEnvironment()} signs in through azure-identity's
 * {@code DefaultAzureCredential} (MSAL's App Service source) exactly as on Azure, with no test hook in the code under
 * test. The protocol: {@code GET <IDENTITY_ENDPOINT>?api-version=2019-08-01&resource=<resource>} with the header
 * {@code X-IDENTITY-HEADER: <IDENTITY_HEADER>}, answered with {@code access_token}, {@code expires_on} (epoch seconds,
 * as a string), {@code resource} and {@code token_type}.
 */
public final class FakeKeyVault implements AutoCloseable {

    /** The tenant the challenge names; the SDK asks the credential for a token in it. */
    public static final String TENANT = "f4ce0000-0000-4000-8000-00000000cafe";
    /** The resource the challenge names; the SDK requests the scope {@code <resource>/.default}. */
    public static final String RESOURCE = "https://vault.azure.net";
    /** The only bearer token accepted. */
    public static final String TOKEN = "fake-key-vault-access-token";

    private static final Pattern SECRET = Pattern.compile("/secrets/([^/]+)/?");
    private static final Pattern SECRET_VERSION = Pattern.compile("/secrets/([^/]+)/([^/]+)");
    private static final Pattern DELETED = Pattern.compile("/deletedsecrets/([^/]+)/?");
    private static final Pattern RECOVER = Pattern.compile("/deletedsecrets/([^/]+)/recover");
    private static final Pattern VALID_NAME = Pattern.compile("[0-9a-zA-Z-]{1,127}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The API version MSAL's App Service source sends. */
    public static final String IDENTITY_API_VERSION = "2019-08-01";
    /** The header that carries the App Service identity secret. */
    public static final String IDENTITY_HEADER_NAME = "X-IDENTITY-HEADER";

    /** One token request as the identity endpoint saw it. */
    public record TokenRequest(String method, String resource, String apiVersion, boolean identityHeader,
                               int status) {
    }

    /** One request as the vault saw it. */
    public record RecordedRequest(String method, String path, String query, boolean bearerToken, int status) {
    }

    /** One version of a secret. */
    public record Version(String version, String value, String contentType, Map<String, String> tags,
                          boolean enabled, Long expires, long created) {
    }

    private final HttpsServer server;
    private final HttpServer identityServer;
    private final ExecutorService executor;
    private final String url;
    private final String identityEndpoint;
    private final String identityHeader;
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final List<TokenRequest> tokenRequests = new ArrayList<>();
    // Key Vault names are case-insensitive.
    private final Map<String, List<Version>> secrets = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, List<Version>> deleted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, Long> deletedOn = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    // names in transition, with the number of requests until the transition is over
    private final Map<String, Integer> deleting = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, Integer> recovering = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, List<Version>> recovered = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private int asyncRequests = 2;
    private boolean plainConflicts;
    private int pageSize = 25;
    private boolean forbidden;
    private boolean readOnly;

    private FakeKeyVault() throws IOException {
        Certificates certificates = Certificates.get();
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(certificates.serverContext));
        executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "fake-key-vault");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        url = "https://localhost:" + server.getAddress().getPort();

        byte[] secret = new byte[16];
        RANDOM.nextBytes(secret);
        identityHeader = HexFormat.of().formatHex(secret);
        identityServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        identityServer.setExecutor(executor);
        identityServer.createContext("/msi/token", this::handleToken);
        identityServer.start();
        identityEndpoint = "http://127.0.0.1:" + identityServer.getAddress().getPort() + "/msi/token";
    }

    /** Starts a new, empty vault. */
    public static FakeKeyVault start() throws IOException {
        return new FakeKeyVault();
    }

    /** The vault URL to configure, {@code https://localhost:<port>}. */
    public String url() {
        return url;
    }

    /**
     * The environment variables of an App Service with a managed identity, pointing at this vault's identity endpoint:
     * {@code IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER}.
     */
    public Map<String, String> managedIdentityEnvironment() {
        return Map.of("IDENTITY_ENDPOINT", identityEndpoint, "IDENTITY_HEADER", identityHeader);
    }

    public synchronized List<TokenRequest> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    public static Path trustStore() {
        return Certificates.get().trustStore;
    }

    public static String trustStorePassword() {
        return Certificates.get().password;
    }

    /** An SSL context that trusts this server, for tests that build their own SDK client. */
    public static SSLContext clientSslContext() {
        return Certificates.get().clientContext;
    }

    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public synchronized void clearRequests() {
        requests.clear();
    }

    /** How many secrets one page of the list holds, at most (Key Vault's default is 25). */
    public synchronized void pageSize(int size) {
        pageSize = size;
    }

    /**
     * How many further requests a delete or a recovery takes to finish (2 by default; 0 finishes it at once). The
     * real service takes seconds, during which the SDK's pollers may already have reported it done.
     */
    public synchronized void asyncRequests(int requests) {
        asyncRequests = requests;
    }

    /**
     * From now on a write of a soft-deleted name is answered 409 with the code {@code Conflict} and no inner code,
     * as the service also does, instead of the inner code {@code ObjectIsDeletedButRecoverable}.
     */
    public synchronized void plainConflicts() {
        plainConflicts = true;
    }

    /** Whether a delete or recovery of the name is still under way. */
    public synchronized boolean inTransition(String name) {
        return deleting.containsKey(name) || recovering.containsKey(name);
    }

    /** From now on every authenticated request is refused with 403, as a vault does for a caller without a role. */
    public synchronized void forbid() {
        forbidden = true;
    }

    /**
     * From now on the caller has the role Key Vault Reader but not Key Vault Secrets Officer: it may list secrets,
     * their versions and the deleted ones (names, tags and attributes), but writes (set, delete, recover, purge) and
     * reading a secret's value are refused with 403.
     */
    public synchronized void forbidWrites() {
        readOnly = true;
    }

    /** Undoes {@link #forbid()} and {@link #forbidWrites()}, as when the caller was given the role. */
    public synchronized void allow() {
        forbidden = false;
        readOnly = false;
    }

    /** Deletes a secret as someone with the portal or {@code az keyvault secret delete} would: into soft-delete. */
    public synchronized void deleteSecret(String name) {
        if (delete(name).status() != 200) {
            throw new IllegalArgumentException("no secret " + name);
        }
    }

    /** Puts a version directly, as someone with the portal would. */
    public synchronized void putSecret(String name, String value, Map<String, String> tags, boolean enabled) {
        secrets.computeIfAbsent(name, n -> new ArrayList<>()).add(new Version(newVersionId(), value,
                null, Map.copyOf(tags), enabled, null, Instant.now().getEpochSecond()));
    }

    /** Every version of a live secret, oldest first; empty when there is none. */
    public synchronized List<Version> versions(String name) {
        return List.copyOf(secrets.getOrDefault(name, List.of()));
    }

    /** Whether the name is in soft-delete (or being put there). */
    public synchronized boolean isSoftDeleted(String name) {
        return deleted.containsKey(name);
    }

    public synchronized List<String> secretNames() {
        return List.copyOf(secrets.keySet());
    }

    @Override
    public void close() {
        identityServer.stop(0);
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Reply(int status, Object body, Map<String, String> headers) {
        Reply(int status, Object body) {
            this(status, body, Map.of());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            boolean bearer = authorization != null && authorization.startsWith("Bearer ");
            Reply reply;
            synchronized (this) {
                tick();
                try {
                    reply = route(method, path, parameters(query), body, authorization);
                } catch (IOException | RuntimeException e) {
                    reply = error(400, "BadParameter", "The request could not be read: " + e.getClass().getName());
                }
                requests.add(new RecordedRequest(method, path, query, bearer, reply.status()));
            }
            send(exchange, reply);
        }
    }

    private void handleToken(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            Map<String, String> query = parameters(exchange.getRequestURI().getRawQuery());
            String resource = query.get("resource");
            boolean header = identityHeader.equals(exchange.getRequestHeaders().getFirst(IDENTITY_HEADER_NAME));
            Reply reply;
            if (!exchange.getRequestMethod().equals("GET")) {
                reply = identityError(405, "only GET is supported");
            } else if (!header) {
                reply = identityError(401, "the " + IDENTITY_HEADER_NAME + " header is missing or wrong");
            } else if (!IDENTITY_API_VERSION.equals(query.get("api-version"))) {
                reply = identityError(400, "api-version must be " + IDENTITY_API_VERSION);
            } else if (resource == null || !stripSlash(resource).equals(RESOURCE)) {
                reply = identityError(400, "this endpoint only issues tokens for " + RESOURCE + ", not " + resource);
            } else {
                ObjectNode token = JSON.createObjectNode();
                token.put("access_token", TOKEN);
                token.put("expires_on", Long.toString(Instant.now().plusSeconds(3600).getEpochSecond()));
                token.put("resource", resource);
                token.put("token_type", "Bearer");
                token.put("client_id", "00000000-0000-4000-8000-00000000c1d0");
                reply = new Reply(200, token);
            }
            synchronized (this) {
                tokenRequests.add(new TokenRequest(exchange.getRequestMethod(), resource, query.get("api-version"),
                        header, reply.status()));
            }
            send(exchange, reply);
        }
    }

    private static Reply identityError(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("statusCode", status);
        body.put("message", message);
        return new Reply(status, body);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private Reply route(String method, String path, Map<String, String> query, byte[] body, String authorization)
            throws IOException {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return challenge("AKV10000: Request is missing a Bearer or PoP token.");
        }
        if (!authorization.substring("Bearer ".length()).equals(TOKEN)) {
            return challenge("AKV10032: Invalid issuer.");
        }
        if (!query.containsKey("api-version")) {
            return error(400, "BadParameter", "The 'api-version' query parameter is missing.");
        }
        boolean readsValue = method.equals("GET") && (SECRET.matcher(path).matches()
                || SECRET_VERSION.matcher(path).matches() && !path.endsWith("/versions"));
        if (forbidden || readOnly && (!method.equals("GET") || readsValue)) {
            return new Reply(403, errorBody("Forbidden", "Caller is not authorized to perform action on resource."
                    + "\r\nCaller: appid=00000000-0000-0000-0000-000000000000;oid=11111111-1111-1111-1111-111111111111"
                    + "\r\nVault: fake-key-vault", "ForbiddenByRbac"));
        }
        Matcher m;
        if (method.equals("GET") && path.equals("/secrets")) {
            return list(query);
        }
        if (method.equals("PUT") && (m = SECRET.matcher(path)).matches()) {
            return set(decode(m.group(1)), body);
        }
        if (method.equals("DELETE") && (m = SECRET.matcher(path)).matches()) {
            return delete(decode(m.group(1)));
        }
        if (method.equals("GET") && (m = SECRET_VERSION.matcher(path)).matches() && m.group(2).equals("versions")) {
            return listVersions(decode(m.group(1)));
        }
        if (method.equals("GET") && (m = SECRET_VERSION.matcher(path)).matches()) {
            return get(decode(m.group(1)), m.group(2));
        }
        if (method.equals("GET") && (m = SECRET.matcher(path)).matches()) {
            return get(decode(m.group(1)), "");
        }
        if (method.equals("POST") && (m = RECOVER.matcher(path)).matches()) {
            return recover(decode(m.group(1)));
        }
        if (method.equals("GET") && (m = DELETED.matcher(path)).matches()) {
            return getDeleted(decode(m.group(1)));
        }
        if (method.equals("DELETE") && (m = DELETED.matcher(path)).matches()) {
            return purge(decode(m.group(1)));
        }
        return error(405, "MethodNotAllowed", "The fake vault does not implement " + method + " " + path);
    }

    private Reply challenge(String message) {
        String header = "Bearer authorization=\"https://login.microsoftonline.com/" + TENANT + "\", resource=\""
                + RESOURCE + "\"";
        return new Reply(401, errorBody("Unauthorized", message, null), Map.of("WWW-Authenticate", header));
    }

    private Reply set(String name, byte[] body) throws IOException {
        if (!VALID_NAME.matcher(name).matches()) {
            return error(400, "BadParameter", "The request URI contains an invalid name: " + name);
        }
        Reply busy = inTransitionConflict(name);
        if (busy != null) {
            return busy;
        }
        if (deleted.containsKey(name)) {
            return new Reply(409, errorBody("Conflict", "Secret " + name + " is currently in a deleted but recoverable"
                    + " state, and its name cannot be reused; in this state, the secret can only be recovered or"
                    + " purged.", plainConflicts ? null : "ObjectIsDeletedButRecoverable"));
        }
        JsonNode request = JSON.readTree(body);
        if (request == null || !request.path("value").isTextual()) {
            return error(400, "BadParameter", "Property value is required.");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        request.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
        JsonNode attributes = request.path("attributes");
        boolean enabled = !attributes.has("enabled") || attributes.get("enabled").asBoolean();
        Long expires = attributes.hasNonNull("exp") ? attributes.get("exp").asLong() : null;
        Version version = new Version(newVersionId(), request.get("value").asText(),
                request.hasNonNull("contentType") ? request.get("contentType").asText() : null,
                Map.copyOf(tags), enabled, expires, Instant.now().getEpochSecond());
        secrets.computeIfAbsent(name, n -> new ArrayList<>()).add(version);
        return new Reply(200, bundle(name, version, true));
    }

    private Reply get(String name, String versionId) {
        List<Version> versions = secrets.get(name);
        Version version = null;
        if (versions != null) {
            version = versionId.isEmpty() ? versions.get(versions.size() - 1)
                    : versions.stream().filter(v -> v.version().equals(versionId)).findFirst().orElse(null);
        }
        if (version == null) {
            return notFound(name);
        }
        if (!version.enabled()) {
            return new Reply(403, errorBody("Forbidden", "Operation get is not allowed on a disabled secret.",
                    "SecretDisabled"));
        }
        return new Reply(200, bundle(name, version, true));
    }

    private Reply list(Map<String, String> query) {
        int max = pageSize;
        if (query.containsKey("maxresults")) {
            max = Math.min(max, Integer.parseInt(query.get("maxresults")));
        }
        int offset = query.containsKey("$skiptoken") ? Integer.parseInt(query.get("$skiptoken")) : 0;
        List<String> names = new ArrayList<>(secrets.keySet());
        ArrayNode items = JSON.createArrayNode();
        for (int i = offset; i < Math.min(names.size(), offset + max); i++) {
            String name = names.get(i);
            List<Version> versions = secrets.get(name);
            ObjectNode item = bundle(name, versions.get(versions.size() - 1), false);
            item.put("id", url + "/secrets/" + name);
            items.add(item);
        }
        ObjectNode page = JSON.createObjectNode();
        page.set("value", items);
        if (offset + max < names.size()) {
            page.put("nextLink", url + "/secrets?api-version=" + query.get("api-version") + "&$skiptoken="
                    + (offset + max) + "&maxresults=" + max);
        } else {
            page.putNull("nextLink");
        }
        return new Reply(200, page);
    }

    private Reply listVersions(String name) {
        List<Version> versions = secrets.get(name);
        if (versions == null) {
            return notFound(name);
        }
        ArrayNode items = JSON.createArrayNode();
        versions.forEach(v -> items.add(bundle(name, v, false)));
        ObjectNode page = JSON.createObjectNode();
        page.set("value", items);
        page.putNull("nextLink");
        return new Reply(200, page);
    }

    private Reply delete(String name) {
        List<Version> versions = secrets.remove(name);
        if (versions == null) {
            return notFound(name);
        }
        deleted.put(name, versions);
        deletedOn.put(name, Instant.now().getEpochSecond());
        Reply reply = new Reply(200, deletedBundle(name));
        if (asyncRequests > 0) {
            deleting.put(name, asyncRequests);
        }
        return reply;
    }

    private Reply getDeleted(String name) {
        if (!deleted.containsKey(name) || deleting.containsKey(name)) {
            return error(404, "SecretNotFound", "Deleted Secret not found: " + name);
        }
        return new Reply(200, deletedBundle(name));
    }

    private Reply recover(String name) {
        Reply busy = inTransitionConflict(name);
        if (busy != null) {
            return busy;
        }
        List<Version> versions = deleted.remove(name);
        if (versions == null) {
            return error(404, "SecretNotFound", "Deleted Secret not found: " + name);
        }
        deletedOn.remove(name);
        Reply reply = new Reply(200, bundle(name, versions.get(versions.size() - 1), false));
        if (asyncRequests > 0) {
            recovering.put(name, asyncRequests);
            recovered.put(name, versions);
        } else {
            secrets.put(name, versions);
        }
        return reply;
    }

    /** 409 while the name is being deleted or recovered, as the real service answers; null otherwise. */
    private Reply inTransitionConflict(String name) {
        if (deleting.containsKey(name)) {
            return new Reply(409, errorBody("Conflict", "Secret " + name + " is currently being deleted.",
                    "ObjectIsBeingDeleted"));
        }
        if (recovering.containsKey(name)) {
            return new Reply(409, errorBody("Conflict", "Secret " + name + " is currently being recovered.",
                    "ObjectIsBeingRecovered"));
        }
        return null;
    }

    /** One request further: finishes the deletes and recoveries whose time has come. */
    private void tick() {
        deleting.replaceAll((name, left) -> left - 1);
        deleting.values().removeIf(left -> left < 0);
        recovering.replaceAll((name, left) -> left - 1);
        for (var it = recovering.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (entry.getValue() < 0) {
                secrets.put(entry.getKey(), recovered.remove(entry.getKey()));
                it.remove();
            }
        }
    }

    private Reply purge(String name) {
        Reply busy = inTransitionConflict(name);
        if (busy != null) {
            return busy;
        }
        if (deleted.remove(name) == null) {
            return error(404, "SecretNotFound", "Deleted Secret not found: " + name);
        }
        deletedOn.remove(name);
        return new Reply(204, null);
    }

    private ObjectNode bundle(String name, Version version, boolean withValue) {
        ObjectNode node = JSON.createObjectNode();
        if (withValue) {
            node.put("value", version.value());
        }
        node.put("id", url + "/secrets/" + name + "/" + version.version());
        if (version.contentType() != null) {
            node.put("contentType", version.contentType());
        }
        ObjectNode attributes = node.putObject("attributes");
        attributes.put("enabled", version.enabled());
        if (version.expires() != null) {
            attributes.put("exp", version.expires());
        }
        attributes.put("created", version.created());
        attributes.put("updated", version.created());
        attributes.put("recoveryLevel", "Recoverable+Purgeable");
        attributes.put("recoverableDays", 90);
        ObjectNode tags = node.putObject("tags");
        version.tags().forEach(tags::put);
        return node;
    }

    private ObjectNode deletedBundle(String name) {
        List<Version> versions = deleted.get(name);
        ObjectNode node = bundle(name, versions.get(versions.size() - 1), false);
        long when = deletedOn.get(name);
        node.put("recoveryId", url + "/deletedsecrets/" + name);
        node.put("deletedDate", when);
        node.put("scheduledPurgeDate", when + 90L * 24 * 3600);
        return node;
    }

    private Reply notFound(String name) {
        return error(404, "SecretNotFound", "A secret with (name/id) " + name + " was not found in this key vault."
                + " If you recently deleted this secret you may be able to recover it using the correct recovery"
                + " command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182");
    }

    private static Reply error(int status, String code, String message) {
        return new Reply(status, errorBody(code, message, null));
    }

    private static ObjectNode errorBody(String code, String message, String innerCode) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        if (innerCode != null) {
            error.putObject("innererror").put("code", innerCode);
        }
        return root;
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] bytes = reply.body() == null ? new byte[0] : JSON.writeValueAsBytes(reply.body());
        if (bytes.length > 0) {
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        }
        exchange.getResponseHeaders().add("x-ms-keyvault-service-version", "1.9.0.0");
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            out.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String newVersionId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The self-signed server certificate and a trust store for it, made once per JVM. */
    private static final class Certificates {
        private static Certificates instance;

        final String password;
        final Path trustStore;
        final SSLContext serverContext;
        final SSLContext clientContext;

        private Certificates() throws IOException, GeneralSecurityException, InterruptedException {
            byte[] secret = new byte[12];
            RANDOM.nextBytes(secret);
            password = HexFormat.of().formatHex(secret);
            Path dir = Files.createTempDirectory("fake-key-vault");
            dir.toFile().deleteOnExit();
            Path serverStore = dir.resolve("server.p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin",
                    System.getProperty("os.name").startsWith("Windows") ? "keytool.exe" : "keytool");
            Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "fake-key-vault",
                    "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                    "-keystore", serverStore.toString(), "-storetype", "PKCS12",
                    "-storepass", password, "-keypass", password)
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool failed: " + output);
            }
            serverStore.toFile().deleteOnExit();

            KeyStore server = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(serverStore)) {
                server.load(in, password.toCharArray());
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(server, password.toCharArray());
            serverContext = SSLContext.getInstance("TLS");
            serverContext.init(keys.getKeyManagers(), null, null);

            Certificate certificate = server.getCertificate("fake-key-vault");
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("fake-key-vault", certificate);
            trustStore = dir.resolve("truststore.p12");
            try (var out = Files.newOutputStream(trustStore)) {
                trust.store(out, password.toCharArray());
            }
            trustStore.toFile().deleteOnExit();
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(
                    TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            clientContext = SSLContext.getInstance("TLS");
            clientContext.init(null, trustManagers.getTrustManagers(), null);
        }

        static synchronized Certificates get() {
            if (instance == null) {
                try {
                    instance = new Certificates();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("could not set up TLS for the fake vault", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while running keytool", e);
                }
            }
            return instance;
        }
    }
}
