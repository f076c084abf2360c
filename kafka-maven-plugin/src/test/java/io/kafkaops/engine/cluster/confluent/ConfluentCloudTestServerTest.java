package io.kafkaops.engine.cluster.confluent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaops.engine.cluster.confluent.ConfluentCloudTestServer.Options;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Confluent Cloud stand-in over plain java.net.http: the API, its faults, and its contract check. */
class ConfluentCloudTestServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfluentCloudTestServer server;
    private HttpClient http;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ConfluentCloudTestServer start(Options options) {
        server = ConfluentCloudTestServer.start(options);
        http = HttpClient.newBuilder().sslContext(server.clientSslContext()).connectTimeout(Duration.ofSeconds(10))
                .build();
        return server;
    }

    private HttpResponse<String> call(String method, String pathOrUrl, String body, Credential credential)
            throws IOException, InterruptedException {
        URI uri = pathOrUrl.startsWith("https:") ? URI.create(pathOrUrl) : server.baseUrl().resolve(pathOrUrl);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (credential != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (credential.key() + ":" + credential.secret()).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> call(String method, String path, String body) throws IOException,
            InterruptedException {
        return call(method, path, body, server.cloudApiKey());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private String createAccount(String name) throws Exception {
        HttpResponse<String> created = call("POST", "/iam/v2/service-accounts",
                "{\"display_name\":\"" + name + "\",\"description\":\"made by a test\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        return json(created).path("id").asText();
    }

    private String keyRequest(String owner) {
        return "{\"spec\":{\"display_name\":\"k\",\"description\":\"managed by kafkaops\",\"owner\":{\"id\":\""
                + owner + "\"},\"resource\":{\"id\":\"" + server.kafkaClusterId() + "\",\"environment\":\""
                + server.environmentId() + "\"}}}";
    }

    @Test
    void refusesRequestsWithoutTheCloudApiKey() throws Exception {
        start(new Options());
        HttpResponse<String> none = call("GET", "/iam/v2/service-accounts", null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Basic"));
        assertThat(json(none).path("errors").get(0).path("status").asText()).isEqualTo("401");
        Credential wrongSecret = new Credential(server.cloudApiKey().key(), "not-the-secret");
        assertThat(call("GET", "/iam/v2/service-accounts", null, wrongSecret).statusCode()).isEqualTo(401);
        // a Kafka cluster key is no Cloud API key
        assertThat(call("GET", "/iam/v2/service-accounts", null, server.clusterAdminKey()).statusCode())
                .isEqualTo(401);
        assertThat(call("GET", "/iam/v2/service-accounts", null).statusCode()).isEqualTo(200);
        assertThat(server.requestCount()).isEqualTo(4);
        assertThat(server.contractViolations()).isEmpty();
    }

    @Test
    void createsReadsUpdatesAndDeletesServiceAccounts() throws Exception {
        start(new Options());
        HttpResponse<String> created = call("POST", "/iam/v2/service-accounts",
                "{\"display_name\":\"dev-billing-app\",\"description\":\"billing\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = json(created).path("id").asText();
        assertThat(id).startsWith("sa-");
        assertThat(json(created).path("kind").asText()).isEqualTo("ServiceAccount");

        assertThat(call("POST", "/iam/v2/service-accounts", "{\"display_name\":\"dev-billing-app\"}").statusCode())
                .isEqualTo(409);
        HttpResponse<String> updated = call("PATCH", "/iam/v2/service-accounts/" + id,
                "{\"description\":\"billing, renamed\"}");
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(json(updated).path("description").asText()).isEqualTo("billing, renamed");
        createAccount("dev-other-app");
        assertThat(call("PATCH", "/iam/v2/service-accounts/" + id, "{\"display_name\":\"dev-other-app\"}")
                .statusCode()).isEqualTo(409);
        HttpResponse<String> read = call("GET", "/iam/v2/service-accounts/" + id, null);
        assertThat(json(read).path("display_name").asText()).isEqualTo("dev-billing-app");
        assertThat(server.serviceAccounts()).extracting(ConfluentCloudTestServer.ServiceAccountView::id)
                .contains(id);

        assertThat(call("DELETE", "/iam/v2/service-accounts/" + id, null).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = call("GET", "/iam/v2/service-accounts/" + id, null);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(json(gone).path("errors").get(0).path("status").asText()).isEqualTo("404");
        assertThat(call("DELETE", "/iam/v2/service-accounts/" + id, null).statusCode()).isEqualTo(404);
        assertThat(server.contractViolations()).isEmpty();
    }

    @Test
    void pagesFollowMetadataNextAsFullUrls() throws Exception {
        start(new Options().maxPageSize(1));
        List<String> made = List.of(createAccount("a-one"), createAccount("a-two"), createAccount("a-three"));
        List<String> seen = new ArrayList<>();
        String next = "/iam/v2/service-accounts?page_size=50";
        int pages = 0;
        while (next != null) {
            HttpResponse<String> page = call("GET", next, null);
            assertThat(page.statusCode()).isEqualTo(200);
            JsonNode body = json(page);
            assertThat(body.path("data").size()).isEqualTo(1);
            body.path("data").forEach(a -> seen.add(a.path("id").asText()));
            JsonNode link = body.path("metadata").path("next");
            next = link.isMissingNode() || link.isNull() ? null : link.asText();
            if (next != null) {
                assertThat(next).startsWith(server.baseUrl() + "/iam/v2/service-accounts?").contains("page_token=");
            }
            pages++;
        }
        // the two accounts the server starts with, and the three made here, each once
        assertThat(pages).isEqualTo(5);
        assertThat(seen).doesNotHaveDuplicates().containsAll(made).hasSize(5);

        HttpResponse<String> filtered = call("GET", "/iam/v2/service-accounts?display_name=a-two", null);
        assertThat(json(filtered).path("data")).hasSize(1);
        assertThat(server.contractViolations()).isEmpty();
    }

    @Test
    void apiKeySecretIsReturnedOnlyByCreate() throws Exception {
        start(new Options().maxPageSize(2));
        String owner = createAccount("dev-orders");
        HttpResponse<String> created = call("POST", "/iam/v2/api-keys", keyRequest(owner));
        assertThat(created.statusCode()).isEqualTo(202);
        JsonNode key = json(created);
        String id = key.path("id").asText();
        String secret = key.path("spec").path("secret").asText();
        assertThat(secret).hasSize(64);
        assertThat(key.path("spec").path("owner").path("id").asText()).isEqualTo(owner);
        assertThat(server.keyWorks(id, secret)).isTrue();
        assertThat(server.keyWorks(id, secret + "x")).isFalse();

        HttpResponse<String> read = call("GET", "/iam/v2/api-keys/" + id, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read).path("spec").has("secret")).isFalse();
        HttpResponse<String> list = call("GET", "/iam/v2/api-keys?spec.owner=" + owner + "&spec.resource="
                + server.kafkaClusterId(), null);
        assertThat(json(list).path("data")).hasSize(1);
        assertThat(list.body()).doesNotContain(secret);
        assertThat(json(list).path("data").get(0).path("spec").path("description").asText())
                .isEqualTo("managed by kafkaops");
        HttpResponse<String> patched = call("PATCH", "/iam/v2/api-keys/" + id,
                "{\"spec\":{\"description\":\"rotated\"}}");
        assertThat(json(patched).path("spec").path("description").asText()).isEqualTo("rotated");
        assertThat(server.apiKeys().toString()).doesNotContain(secret);
        // the broker's registry holds a hash of the secret, never the secret
        assertThat(java.nio.file.Files.readString(server.keyRegistry())).contains(id).doesNotContain(secret);

        assertThat(call("DELETE", "/iam/v2/api-keys/" + id, null).statusCode()).isEqualTo(204);
        assertThat(server.keyWorks(id, secret)).isFalse();
        assertThat(call("GET", "/iam/v2/api-keys/" + id, null).statusCode()).isEqualTo(404);
        assertThat(server.contractViolations()).isEmpty();
    }

    @Test
    void deletingAnAccountDeletesItsKeys() throws Exception {
        start(new Options());
        String owner = createAccount("dev-payments");
        JsonNode key = json(call("POST", "/iam/v2/api-keys", keyRequest(owner)));
        assertThat(server.keyWorks(key.path("id").asText(), key.path("spec").path("secret").asText())).isTrue();
        assertThat(call("DELETE", "/iam/v2/service-accounts/" + owner, null).statusCode()).isEqualTo(204);
        assertThat(server.apiKeys()).noneMatch(k -> k.ownerId().equals(owner));
        assertThat(server.keyWorks(key.path("id").asText(), key.path("spec").path("secret").asText())).isFalse();
        assertThat(KeyRegistry.read(server.keyRegistry())).doesNotContainKey(key.path("id").asText());
        assertThat(server.contractViolations()).isEmpty();
    }

    @Test
    void newKeysWorkOnlyAfterTheActivationDelay() throws Exception {
        start(new Options().keyActivationDelay(Duration.ofSeconds(2)));
        String owner = createAccount("dev-slow");
        JsonNode key = json(call("POST", "/iam/v2/api-keys", keyRequest(owner)));
        String id = key.path("id").asText();
        String secret = key.path("spec").path("secret").asText();
        java.time.Instant activeAt = server.apiKeys().stream().filter(k -> k.id().equals(id)).findFirst()
                .orElseThrow().activeAt();
        boolean works = server.keyWorks(id, secret);
        if (java.time.Instant.now().isBefore(activeAt)) {
            // asked before the delay had passed (a busy machine may have taken longer than the delay to get here)
            assertThat(works).isFalse();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!server.keyWorks(id, secret) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.keyWorks(id, secret)).isTrue();
        assertThat(java.time.Instant.now()).isAfterOrEqualTo(activeAt);
        assertThat(server.contractViolations()).isEmpty();
    }

    @Test
    void rateLimitAnswers429WithTheDocumentedHeaders() throws Exception {
        start(new Options().rateLimit(2, Duration.ofMinutes(1)));
        HttpResponse<String> ok = call("GET", "/iam/v2/service-accounts", null);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("X-RateLimit-Limit")).hasValue("2");
        assertThat(ok.headers().firstValue("X-RateLimit-Remaining")).hasValue("1");
        assertThat(call("GET", "/iam/v2/service-accounts", null).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = call("GET", "/iam/v2/service-accounts", null);
        assertThat(limited.statusCode()).isEqualTo(429);
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        long reset = Long.parseLong(limited.headers().firstValue("X-RateLimit-Reset").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(reset).isBetween(1L, 60L);
        assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(server.requestCount()).isEqualTo(3);
        assertThat(server.contractViolations()).isEmpty();
    }

    @Test
    void rateLimitWindowOpensAgainAfterItsReset() throws Exception {
        start(new Options().rateLimit(1, Duration.ofSeconds(1)));
        // a busy machine may take longer than a window between two calls: call until one is refused
        int status = 0;
        for (int i = 0; i < 20 && status != 429; i++) {
            status = call("GET", "/iam/v2/api-keys", null).statusCode();
        }
        assertThat(status).isEqualTo(429);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        do {
            status = call("GET", "/iam/v2/api-keys", null).statusCode();
        } while (status == 429 && System.nanoTime() < deadline);
        assertThat(status).isEqualTo(200);
        assertThat(server.contractViolations()).isEmpty();
    }

    @Test
    void failsOnceOnThePathPrefix() throws Exception {
        start(new Options().failOnce(500, "/iam/v2/api-keys").failOnce(503, "/iam/v2/service-accounts"));
        HttpResponse<String> failed = call("GET", "/iam/v2/api-keys", null);
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(json(failed).path("errors").get(0).path("status").asText()).isEqualTo("500");
        assertThat(call("GET", "/iam/v2/api-keys", null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/iam/v2/service-accounts", null).statusCode()).isEqualTo(503);
        assertThat(call("GET", "/iam/v2/service-accounts", null).statusCode()).isEqualTo(200);
        assertThat(server.contractViolations()).isEmpty();
    }

    @Test
    void refusesKeysPastTheLimitWithConfluentsQuotaError() throws Exception {
        start(new Options().maxKeysPerAccount(1));
        String owner = createAccount("dev-limited");
        assertThat(call("POST", "/iam/v2/api-keys", keyRequest(owner)).statusCode()).isEqualTo(202);
        HttpResponse<String> refused = call("POST", "/iam/v2/api-keys", keyRequest(owner));
        assertThat(refused.statusCode()).isEqualTo(402);
        assertThat(json(refused).path("errors").get(0).path("code").asText()).isEqualTo("quota_exceeded");
        assertThat(server.apiKeys()).filteredOn(k -> k.ownerId().equals(owner)).hasSize(1);
        assertThat(server.contractViolations()).isEmpty();
    }

    @Test
    void contractCheckCatchesAWrongRequest() throws Exception {
        start(new Options());
        // display_name must be a string, and page_size at most 100
        call("POST", "/iam/v2/service-accounts", "{\"display_name\":42}");
        call("GET", "/iam/v2/service-accounts?page_size=1000", null);
        assertThat(server.contractViolations()).hasSize(2);
        assertThat(server.contractViolations().get(0)).contains("POST /iam/v2/service-accounts");
        assertThat(server.contractViolations().get(1)).contains("page_size");
    }

    @Test
    void contractCheckCatchesAPropertyConfluentDoesNotKnow() throws Exception {
        start(new Options());
        String owner = createAccount("dev-typo");
        // OpenAPI would let these through; Confluent knows no "owner_id" and no "display-name"
        call("POST", "/iam/v2/api-keys", "{\"spec\":{\"owner\":{\"id\":\"" + owner + "\"},\"owner_id\":\"" + owner
                + "\"}}");
        call("PATCH", "/iam/v2/service-accounts/" + owner, "{\"display-name\":\"x\"}");
        assertThat(server.contractViolations()).hasSize(2);
        assertThat(server.contractViolations().get(0)).contains("/spec/owner_id");
        assertThat(server.contractViolations().get(1)).contains("/display-name");
    }

    @Test
    void contractCheckCatchesAWrongResponse() {
        OpenApiContract contract = OpenApiContract.load();
        Map<String, List<String>> auth = Map.of("Authorization", List.of("Basic YTpi"));
        Map<String, List<String>> jsonType = Map.of("Content-Type", List.of("application/json"));
        String good = "{\"api_version\":\"iam/v2\",\"kind\":\"ServiceAccountList\",\"metadata\":{},\"data\":[]}";
        assertThat(contract.check("GET", "/iam/v2/service-accounts", Map.of(), auth, null, 200, jsonType, good, true))
                .isEmpty();
        // the list without its required "kind", and a data item without its id
        String wrong = "{\"api_version\":\"iam/v2\",\"metadata\":{},\"data\":[{\"display_name\":\"x\"}]}";
        assertThat(contract.check("GET", "/iam/v2/service-accounts", Map.of(), auth, null, 200, jsonType, wrong,
                true)).isNotEmpty();
        // a property no schema of the list declares
        String extra = "{\"api_version\":\"iam/v2\",\"kind\":\"ServiceAccountList\",\"metadata\":{\"cursor\":\"x\"},"
                + "\"data\":[]}";
        assertThat(contract.check("GET", "/iam/v2/service-accounts", Map.of(), auth, null, 200, jsonType, extra,
                true)).singleElement().asString().contains("/metadata/cursor");
        // a status the operation does not document
        assertThat(contract.check("GET", "/iam/v2/api-keys", Map.of(), auth, null, 418, jsonType, "{}", true))
                .isNotEmpty();
    }
}
