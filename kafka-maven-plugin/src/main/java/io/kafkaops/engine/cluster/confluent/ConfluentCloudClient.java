package io.kafkaops.engine.cluster.confluent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The IAM v2 and API Keys v2 calls the engine makes, on {@code java.net.http} with Jackson.
 *
 * <p>Every list follows {@code metadata.next} to its last page. Every request is retried as {@link RetryPolicy}
 * decides (429 with the rate-limit headers, 5xx, a lost answer; a create only when the service surely did not create,
 * so a lost answer to a key creation is reported instead of making a second key). Nothing here logs a request or
 * response body: the answer to a key creation holds the secret, which leaves only inside {@link NewApiKey}. Waits are
 * told through {@code notices} in one line without secrets.
 */
public final class ConfluentCloudClient {

    static final String SERVICE_ACCOUNTS = "/iam/v2/service-accounts";
    static final String API_KEYS = "/iam/v2/api-keys";
    static final int PAGE_SIZE = 100;
    /** More pages than any organisation has: a server that keeps answering "next" is broken. */
    static final int MAX_PAGES = 10_000;

    /** Waits between attempts; tests replace it to run without sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** What the client did so far, for the deploy report. */
    public record Counts(int requests, int retries, int rateLimited) {
        @Override
        public String toString() {
            return requests + " Confluent Cloud API request" + (requests == 1 ? "" : "s")
                    + (retries == 0 ? "" : " (" + retries + " retried, " + rateLimited + " rate-limited)");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfluentCloudAccess access;
    private final HttpClient http;
    private final String authorization;
    private final Consumer<String> notices;
    private final Sleeper sleeper;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger rateLimited = new AtomicInteger();

    public ConfluentCloudClient(ConfluentCloudAccess access, Consumer<String> notices) {
        this(access, notices, d -> Thread.sleep(Math.max(1, d.toMillis())));
    }

    public ConfluentCloudClient(ConfluentCloudAccess access, Consumer<String> notices, Sleeper sleeper) {
        this.access = access;
        this.notices = notices == null ? line -> { } : notices;
        this.sleeper = sleeper;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(access.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (access.sslContext() != null) b.sslContext(access.sslContext());
        this.http = b.build();
        CloudCredential k = access.cloudApiKey();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((k.key() + ":" + k.secret())
                .getBytes(StandardCharsets.UTF_8));
    }

    public ConfluentCloudAccess access() {
        return access;
    }

    public Counts counts() {
        return new Counts(requests.get(), retries.get(), rateLimited.get());
    }

    // ---- service accounts (IAM v2)

    public List<ServiceAccount> serviceAccounts() throws ConfluentCloudException {
        List<ServiceAccount> out = new ArrayList<>();
        for (JsonNode n : list(SERVICE_ACCOUNTS, Map.of(), "listing the service accounts")) out.add(account(n));
        return out;
    }

    public ServiceAccount createServiceAccount(String displayName, String description) throws ConfluentCloudException {
        ObjectNode body = JSON.createObjectNode().put("display_name", displayName).put("description",
                description == null ? "" : description);
        return account(send("POST", SERVICE_ACCOUNTS, body, "creating service account " + displayName, true).body);
    }

    public ServiceAccount updateServiceAccount(String id, String description) throws ConfluentCloudException {
        ObjectNode body = JSON.createObjectNode().put("description", description == null ? "" : description);
        return account(send("PATCH", SERVICE_ACCOUNTS + "/" + encode(id), body,
                "updating the description of service account " + id, false).body);
    }

    /** Deletes a service account; one that is gone already is no error. */
    public void deleteServiceAccount(String id) throws ConfluentCloudException {
        deleteIgnoringMissing(SERVICE_ACCOUNTS + "/" + encode(id), "deleting service account " + id);
    }

    // ---- API keys (API Keys v2)

    /**
     * The API keys visible to the Cloud API key, filtered by owner and by resource (either may be null).
     */
    public List<ApiKey> apiKeys(String ownerId, String resourceId) throws ConfluentCloudException {
        Map<String, String> query = new LinkedHashMap<>();
        if (ownerId != null) query.put("spec.owner", ownerId);
        if (resourceId != null) query.put("spec.resource", resourceId);
        List<ApiKey> out = new ArrayList<>();
        for (JsonNode n : list(API_KEYS, query, "listing the API keys" + (resourceId == null ? ""
                : " of cluster " + resourceId))) {
            out.add(apiKey(n));
        }
        return out;
    }

    /**
     * Creates an API key owned by a service account and scoped to a Kafka cluster. Never retried after a lost answer:
     * the service may have created the key, whose secret would then be lost with the answer; the caller's next plan
     * sees such a key as one without a stored secret.
     */
    public NewApiKey createApiKey(String ownerId, String displayName, String description)
            throws ConfluentCloudException {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode spec = body.putObject("spec");
        spec.put("display_name", displayName);
        spec.put("description", description);
        spec.putObject("owner").put("id", ownerId);
        ObjectNode resource = spec.putObject("resource").put("id", access.kafkaClusterId());
        if (access.environmentId() != null) resource.put("environment", access.environmentId());
        JsonNode answer = send("POST", API_KEYS, body, "creating an API key for " + ownerId + " on cluster "
                + access.kafkaClusterId(), true).body;
        String secret = answer.path("spec").path("secret").asText(null);
        ApiKey key = apiKey(answer);
        if (secret == null || key.id() == null) {
            throw new ConfluentCloudException("Confluent Cloud created an API key for " + ownerId + " but returned no "
                    + (key.id() == null ? "key id" : "secret") + " (" + key.id() + ")", 200);
        }
        return new NewApiKey(key, secret);
    }

    /** Deletes an API key; one that is gone already is no error. */
    public void deleteApiKey(String id) throws ConfluentCloudException {
        deleteIgnoringMissing(API_KEYS + "/" + encode(id), "deleting API key " + id);
    }

    // ---- plumbing

    private void deleteIgnoringMissing(String path, String doing) throws ConfluentCloudException {
        try {
            send("DELETE", path, null, doing, false);
        } catch (ConfluentCloudException e) {
            if (!e.notFound()) throw e;
        }
    }

    /** Every item of a list, following {@code metadata.next} page by page. */
    List<JsonNode> list(String path, Map<String, String> query, String doing) throws ConfluentCloudException {
        List<JsonNode> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String token = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            Map<String, String> q = new LinkedHashMap<>(query);
            q.put("page_size", Integer.toString(PAGE_SIZE));
            if (token != null) q.put("page_token", token);
            JsonNode answer = send("GET", path + "?" + queryString(q), null, doing, false).body;
            JsonNode data = answer.path("data");
            if (data.isArray()) data.forEach(out::add);
            token = nextPageToken(answer.path("metadata").path("next").asText(null));
            if (token == null) return out;
            if (!seen.add(token)) {
                throw new ConfluentCloudException("Confluent Cloud sent the same next page twice while " + doing
                        + "; the list cannot be read to its end", 200);
            }
        }
        throw new ConfluentCloudException("Confluent Cloud sent more than " + MAX_PAGES + " pages while " + doing, 200);
    }

    /**
     * The {@code page_token} of a {@code metadata.next} URL. Only the token is taken: the next request goes to the
     * configured base URL, so a proxy in front of the API keeps working.
     */
    static String nextPageToken(String next) {
        if (next == null || next.isBlank()) return null;
        int q = next.indexOf('?');
        if (q < 0) return null;
        for (String part : next.substring(q + 1).split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).equals("page_token")) {
                String token = URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
                return token.isEmpty() ? null : token;
            }
        }
        return null;
    }

    static String queryString(Map<String, String> query) {
        StringBuilder s = new StringBuilder();
        query.forEach((k, v) -> {
            if (s.length() > 0) s.append('&');
            s.append(encode(k)).append('=').append(encode(v));
        });
        return s.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private record Answer(int status, JsonNode body) {
    }

    /**
     * One request with its retries.
     *
     * @param create whether it creates something: then a lost answer is not retried, since the service may have
     *               made it already
     */
    private Answer send(String method, String pathAndQuery, JsonNode body, String doing, boolean create)
            throws ConfluentCloudException {
        URI uri = URI.create(access.baseUrl() + pathAndQuery);
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(access.requestTimeout())
                .header("Authorization", authorization).header("Accept", "application/json")
                .header("User-Agent", "kafkaops");
        HttpRequest.BodyPublisher publisher;
        if (body != null) {
            rb.header("Content-Type", "application/json");
            publisher = HttpRequest.BodyPublishers.ofString(body.toString());
        } else {
            publisher = HttpRequest.BodyPublishers.noBody();
        }
        HttpRequest request = rb.method(method, publisher).build();
        long start = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            int status;
            HttpResponse<String> response = null;
            String failure;
            try {
                requests.incrementAndGet();
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                status = response.statusCode();
                if (status >= 200 && status < 300) return new Answer(status, parse(response.body(), doing, status));
                failure = null;
            } catch (IOException e) {
                status = -1;
                failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                if (create) {
                    throw new ConfluentCloudException("No answer from Confluent Cloud at " + access.baseUrl()
                            + " while " + doing + " (" + failure + "); it may have been done: the next plan shows"
                            + " whether it was", -1, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConfluentCloudException("Interrupted while " + doing, -1, e);
            }
            HttpResponse<String> r = response;
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            Optional<Duration> wait = access.retry().nextWait(attempt, status,
                    name -> r == null ? null : r.headers().firstValue(name).orElse(null), elapsed);
            if (wait.isEmpty()) {
                throw status == -1
                        ? new ConfluentCloudException("No answer from Confluent Cloud at " + access.baseUrl()
                        + " while " + doing + " after " + attempt + " attempt" + (attempt == 1 ? "" : "s") + " ("
                        + failure + ")", -1)
                        : refused(status, r.body(), doing, attempt);
            }
            RetryPolicy.Reason reason = RetryPolicy.reason(status);
            retries.incrementAndGet();
            if (reason == RetryPolicy.Reason.RATE_LIMITED) rateLimited.incrementAndGet();
            if (reason != RetryPolicy.Reason.RATE_LIMITED || wait.get().toMillis() >= 1000) {
                notices.accept(String.format(java.util.Locale.ROOT, "Confluent Cloud: waiting %.1f s after %s while %s"
                                + " (attempt %d of %d)", wait.get().toMillis() / 1000.0, reason.describe(), doing,
                        attempt + 1, access.retry().maxAttempts()));
            }
            try {
                sleeper.sleep(wait.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConfluentCloudException("Interrupted while " + doing, -1, e);
            }
        }
    }

    private static JsonNode parse(String text, String doing, int status) throws ConfluentCloudException {
        if (text == null || text.isBlank()) return JSON.createObjectNode();
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            // the text is not quoted: a key creation's answer holds a secret
            throw new ConfluentCloudException("Confluent Cloud answered " + status + " with a body that is not JSON"
                    + " while " + doing, status);
        }
    }

    /** The refusal in the user's terms: which credential, what it was doing, Confluent's own error text. */
    private ConfluentCloudException refused(int status, String body, String doing, int attempts) {
        String detail = errorText(body);
        String source = access.cloudApiKey().source();
        String after = attempts > 1 ? " after " + attempts + " attempts" : "";
        String message = switch (status) {
            case 401 -> capitalised(source) + " was refused (401) while " + doing + detail + ": check the key and"
                    + " its secret there; a deleted or disabled key is refused too";
            case 403 -> capitalised(source) + " may not do this (403) while " + doing + detail + ": its owner needs"
                    + " the OrganizationAdmin role, or AccountAdmin for service accounts and API keys (see the"
                    + " Confluent Cloud guide of the plugin)";
            case 429 -> "Confluent Cloud kept refusing requests for its rate limit (429) while " + doing + after
                    + detail + "; run it again later";
            default -> "Confluent Cloud answered " + status + " while " + doing + after + detail;
        };
        return new ConfluentCloudException(scrub(message), status);
    }

    /** Confluent's error titles and details ({@code errors[].title/detail}), never the raw body. */
    static String errorText(String body) {
        if (body == null || body.isBlank()) return "";
        try {
            JsonNode errors = JSON.readTree(body).path("errors");
            List<String> parts = new ArrayList<>();
            if (errors.isArray()) {
                for (JsonNode e : errors) {
                    String title = e.path("title").asText("");
                    String detail = e.path("detail").asText("");
                    String text = (title + (title.isEmpty() || detail.isEmpty() ? "" : ": ") + detail).strip();
                    if (!text.isEmpty()) parts.add(text.length() > 300 ? text.substring(0, 300) + "..." : text);
                }
            }
            return parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private String scrub(String message) {
        String secret = access.cloudApiKey().secret();
        return secret.isEmpty() ? message : message.replace(secret, "***");
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static ServiceAccount account(JsonNode n) {
        return new ServiceAccount(n.path("id").asText(null), n.path("display_name").asText(null),
                n.path("description").asText(null));
    }

    private static ApiKey apiKey(JsonNode n) {
        JsonNode spec = n.path("spec");
        JsonNode resource = spec.path("resource");
        String resourceId = resource.isObject() ? resource.path("id").asText(null) : null;
        if (resourceId == null && spec.path("resources").isArray() && spec.path("resources").size() > 0) {
            resourceId = spec.path("resources").get(0).path("id").asText(null);
        }
        return new ApiKey(n.path("id").asText(null), spec.path("owner").path("id").asText(null), resourceId,
                spec.path("description").asText(null));
    }

    @Override
    public String toString() {
        return "ConfluentCloudClient[" + access + "]";
    }
}
