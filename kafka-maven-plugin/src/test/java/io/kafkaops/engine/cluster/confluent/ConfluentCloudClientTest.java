package io.kafkaops.engine.cluster.confluent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a scripted local HTTP server: retries, rate-limit headers, pagination, secrets kept out. */
class ConfluentCloudClientTest {

    private static final String SECRET = "cloud-secret-Zq8sK2vQ";
    private static final String KEY_SECRET = "new-key-secret-P0o9I8u7";

    private HttpServer server;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    private volatile Function<HttpExchange, Reply> script;
    private final List<Duration> waits = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();

    record Reply(int status, String body, String... headers) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            Reply r = script.apply(exchange);
            if (r == null) {
                exchange.close(); // no answer at all
                return;
            }
            for (int i = 0; i + 1 < r.headers().length; i += 2) {
                exchange.getResponseHeaders().add(r.headers()[i], r.headers()[i + 1]);
            }
            byte[] body = r.body() == null ? new byte[0] : r.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ConfluentCloudClient client(RetryPolicy policy) {
        ConfluentCloudAccess access = ConfluentCloudAccess.of(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
                        new CloudCredential("CLOUDKEY", SECRET, "the Cloud API key from settings server `ccloud-iam`"),
                        "env-abc", "lkc-xyz")
                .withRetry(policy).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
        return new ConfluentCloudClient(access, notices::add, waits::add);
    }

    private ConfluentCloudClient client() {
        return client(new RetryPolicy(5, Duration.ofMinutes(5), Duration.ofMillis(100), Duration.ofSeconds(30)));
    }

    private static String page(String next, String... accounts) {
        StringBuilder data = new StringBuilder();
        for (String a : accounts) {
            if (data.length() > 0) data.append(',');
            data.append("{\"api_version\":\"iam/v2\",\"kind\":\"ServiceAccount\",\"id\":\"").append(a)
                    .append("\",\"display_name\":\"dev.").append(a).append("\",\"description\":\"d\"}");
        }
        return "{\"api_version\":\"iam/v2\",\"kind\":\"ServiceAccountList\",\"metadata\":{"
                + (next == null ? "" : "\"next\":\"" + next + "\"") + "},\"data\":[" + data + "]}";
    }

    @Test
    void listsFollowMetadataNextToTheLastPageAgainstTheConfiguredBaseUrl() throws Exception {
        script = ex -> {
            String q = ex.getRequestURI().getRawQuery();
            // next links point elsewhere (the public API): only their page_token may be used
            if (!q.contains("page_token")) return new Reply(200, page("https://api.confluent.cloud/iam/v2/service-accounts?page_size=1&page_token=t%2B1", "sa-1"));
            if (q.contains("page_token=t%2B1")) return new Reply(200, page("https://api.confluent.cloud/iam/v2/service-accounts?page_token=t2", "sa-2"));
            return new Reply(200, page(null, "sa-3"));
        };

        List<ServiceAccount> accounts = client().serviceAccounts();

        assertThat(accounts).extracting(ServiceAccount::id).containsExactly("sa-1", "sa-2", "sa-3");
        assertThat(accounts.get(0).displayName()).isEqualTo("dev.sa-1");
        assertThat(requests).hasSize(3).allMatch(r -> r.startsWith("GET /iam/v2/service-accounts?page_size=100"));
        assertThat(authorizations).allMatch(a -> a.equals("Basic " + java.util.Base64.getEncoder()
                .encodeToString(("CLOUDKEY:" + SECRET).getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aServerRepeatingTheSameNextPageIsAnErrorNotAnEndlessLoop() throws Exception {
        script = ex -> new Reply(200, page("https://x/iam/v2/service-accounts?page_token=same", "sa-1"));

        assertThatThrownBy(() -> client().serviceAccounts()).isInstanceOf(ConfluentCloudException.class)
                .hasMessageContaining("same next page twice");
        assertThat(requests).hasSize(2);
    }

    @Test
    void apiKeyListsFilterByOwnerAndResource() throws Exception {
        script = ex -> new Reply(200, "{\"api_version\":\"iam/v2\",\"kind\":\"ApiKeyList\",\"metadata\":{},\"data\":["
                + "{\"id\":\"KEY1\",\"metadata\":{\"self\":\"https://x\"},\"spec\":{\"description\":\"d\",\"owner\":{\"id\":\"sa-1\"},"
                + "\"resource\":{\"id\":\"lkc-xyz\"}}}]}");

        List<ApiKey> keys = client().apiKeys("sa-1", "lkc-xyz");

        assertThat(keys).containsExactly(new ApiKey("KEY1", "sa-1", "lkc-xyz", "d"));
        assertThat(requests.get(0)).contains("spec.owner=sa-1").contains("spec.resource=lkc-xyz");
    }

    @Test
    void a429IsRetriedAfterWhatRetryAfterSaysAndCounted() throws Exception {
        AtomicInteger n = new AtomicInteger();
        script = ex -> n.incrementAndGet() <= 2
                ? new Reply(429, "{\"errors\":[{\"status\":\"429\",\"title\":\"Too Many Requests\"}]}",
                "Retry-After", "2", "X-RateLimit-Reset", "9")
                : new Reply(200, page(null, "sa-1"));

        ConfluentCloudClient client = client();
        assertThat(client.serviceAccounts()).hasSize(1);

        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThat(client.counts()).isEqualTo(new ConfluentCloudClient.Counts(3, 2, 2));
        assertThat(notices).hasSize(2).allMatch(l -> l.contains("rate limit of Confluent Cloud (429)")
                && l.contains("listing the service accounts"));
    }

    @Test
    void withoutRetryAfterTheRelativeResetHeaderIsHonoured() throws Exception {
        AtomicInteger n = new AtomicInteger();
        script = ex -> n.incrementAndGet() == 1 ? new Reply(429, "", "X-RateLimit-Reset", "4")
                : new Reply(200, page(null));

        client().serviceAccounts();

        assertThat(waits).containsExactly(Duration.ofSeconds(4));
    }

    @Test
    void a5xxIsRetriedWithBackOff() throws Exception {
        AtomicInteger n = new AtomicInteger();
        script = ex -> n.incrementAndGet() <= 2 ? new Reply(503, "") : new Reply(204, "");

        client().deleteApiKey("KEY1");

        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(requests).containsOnly("DELETE /iam/v2/api-keys/KEY1");
    }

    @Test
    void retriesStopAfterTheMostAttemptsAndSaySo() throws Exception {
        script = ex -> new Reply(429, "{\"errors\":[{\"title\":\"Too Many Requests\"}]}", "Retry-After", "1");

        assertThatThrownBy(() -> client().serviceAccounts()).isInstanceOf(ConfluentCloudException.class)
                .hasMessageContaining("rate limit (429)").hasMessageContaining("after 5 attempts");
        assertThat(requests).hasSize(5);
    }

    @Test
    void aRefusedCloudKeyIsNamedWithItsSourceAndTheStatus() throws Exception {
        script = ex -> new Reply(401, "{\"errors\":[{\"status\":\"401\",\"title\":\"Authentication Required\","
                + "\"detail\":\"Valid authentication credentials must be provided\"}]}");

        assertThatThrownBy(() -> client().serviceAccounts()).isInstanceOf(ConfluentCloudException.class)
                .hasMessageStartingWith("The Cloud API key from settings server `ccloud-iam` was refused (401)")
                .hasMessageContaining("Authentication Required");
        assertThat(requests).hasSize(1);
    }

    @Test
    void theSecretOfANewKeyLeavesOnlyInsideNewApiKey() throws Exception {
        script = ex -> new Reply(202, "{\"api_version\":\"iam/v2\",\"kind\":\"ApiKey\",\"id\":\"NEWKEY\","
                + "\"metadata\":{\"self\":\"https://x\"},\"spec\":{\"secret\":\"" + KEY_SECRET + "\",\"description\":\"m\","
                + "\"owner\":{\"id\":\"sa-1\"},\"resource\":{\"id\":\"lkc-xyz\"}}}");

        NewApiKey key = client().createApiKey("sa-1", "kafkaops dev.a", "m");

        assertThat(key.secret()).isEqualTo(KEY_SECRET);
        assertThat(key.id()).isEqualTo("NEWKEY");
        assertThat(key.key()).isEqualTo(new ApiKey("NEWKEY", "sa-1", "lkc-xyz", "m"));
        assertThat(key.toString()).doesNotContain(KEY_SECRET).contains("NEWKEY");
        assertThat(requests).containsExactly("POST /iam/v2/api-keys");
    }

    @Test
    void aKeyCreationWhoseAnswerGotLostIsNotRepeated() throws Exception {
        script = ex -> null;

        assertThatThrownBy(() -> client().createApiKey("sa-1", "n", "d")).isInstanceOf(ConfluentCloudException.class)
                .hasMessageContaining("No answer").hasMessageContaining("next plan shows");
        assertThat(requests).hasSize(1);
    }

    @Test
    void noSecretInMessagesOrToString() throws Exception {
        // a server echoing the secret in its error text must not get it into the message
        script = ex -> new Reply(400, "{\"errors\":[{\"title\":\"Bad\",\"detail\":\"bad key " + SECRET + "\"}]}");
        ConfluentCloudClient client = client();

        assertThatThrownBy(() -> client.createServiceAccount("dev.a", "x"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET).contains("400"));
        assertThat(client.toString()).doesNotContain(SECRET);
        assertThat(client.access().toString()).doesNotContain(SECRET);
        assertThat(client.access().cloudApiKey().toString()).doesNotContain(SECRET);
        assertThat(String.join("\n", notices)).doesNotContain(SECRET);
    }

    @Test
    void deletingWhatIsGoneAlreadyIsNoError() throws Exception {
        script = ex -> new Reply(404, "{\"errors\":[{\"status\":\"404\",\"title\":\"Not Found\"}]}");

        client().deleteServiceAccount("sa-gone");
        client().deleteApiKey("KEYGONE");

        assertThat(requests).hasSize(2);
    }

    @Test
    void theNextPageTokenIsTakenFromTheNextLink() throws Exception {
        assertThat(ConfluentCloudClient.nextPageToken(null)).isNull();
        assertThat(ConfluentCloudClient.nextPageToken("")).isNull();
        assertThat(ConfluentCloudClient.nextPageToken("https://api.confluent.cloud/iam/v2/api-keys")).isNull();
        assertThat(ConfluentCloudClient.nextPageToken("https://a/x?page_size=10&page_token=UvmD%3D")).isEqualTo("UvmD=");
        assertThat(ConfluentCloudClient.nextPageToken("https://a/x?page_token=")).isNull();
    }
}
