package io.kafkaops.engine.debug.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.kafkaops.model.platform.KubernetesSettings;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which API server the placement talks to: fabric8's discovery of the pipeline's kubeconfig, with the platform's
 * context and API server where it names them. Only the configuration is checked; nothing is contacted.
 */
class KubernetesClientsTest {

    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            current-context: dev
            clusters:
              - name: dev
                cluster: { server: "https://dev.k8s.example.internal:6443" }
              - name: nonprod
                cluster: { server: "https://nonprod.k8s.example.internal:6443" }
            contexts:
              - name: dev
                context: { cluster: dev, user: ci, namespace: somewhere-else }
              - name: nonprod
                context: { cluster: nonprod, user: ci }
            users:
              - name: ci
                user: { token: not-a-real-token }
            """;

    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty("kubeconfig");
    }

    @Test
    void theKubeconfigsCurrentContextOrThePlatformsContextAndApiServer() throws Exception {
        Path file = dir.resolve("config");
        Files.writeString(file, KUBECONFIG);
        System.setProperty("kubeconfig", file.toString());

        try (KubernetesClient client = KubernetesClients.fromEnvironment().client(settings(null, null))) {
            assertThat(client.getConfiguration().getMasterUrl()).startsWith("https://dev.k8s.example.internal:6443");
        }
        try (KubernetesClient client = KubernetesClients.fromEnvironment().client(settings(null, "nonprod"))) {
            assertThat(client.getConfiguration().getMasterUrl())
                    .startsWith("https://nonprod.k8s.example.internal:6443");
        }
        try (KubernetesClient client = KubernetesClients.fromEnvironment()
                .client(settings("https://api.example.internal:443", "nonprod"))) {
            assertThat(client.getConfiguration().getMasterUrl()).startsWith("https://api.example.internal:443");
        }
    }

    private static KubernetesSettings settings(String apiServer, String context) {
        return new KubernetesSettings(apiServer, context, null, Map.of("billing", "billing-dev"), null, null, null, 0,
                null, null);
    }

    @Test
    @SuppressWarnings("unchecked")
    void clientsAreBuiltWithoutFabric8sBodyLoggingInterceptor() {
        List<Object[]> calls = new ArrayList<>();
        HttpClient.Builder builder = (HttpClient.Builder) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpClient.Builder.class}, (proxy, method, args) -> {
                    calls.add(new Object[] {method.getName(), args == null ? List.of() : Arrays.asList(args)});
                    return method.getReturnType().isInstance(proxy) ? proxy : null;
                });

        KubernetesClients.withoutBodyLogging(builder);

        assertThat(calls).hasSize(1);
        assertThat(calls.get(0)[0]).isEqualTo("addOrReplaceInterceptor");
        assertThat((List<Object>) calls.get(0)[1]).containsExactly(KubernetesClients.HTTP_LOGGING_INTERCEPTOR, null);
    }

    @Test
    void theInterceptorNameIsTheOneFabric8RegistersItsBodyLoggingUnder() throws Exception {
        // fabric8 registers the interceptor under a string literal in StandardHttpClientBuilder's constructor
        try (var in = HttpClient.class.getClassLoader().getResourceAsStream(
                "io/fabric8/kubernetes/client/http/StandardHttpClientBuilder.class")) {
            String classFile = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(classFile).contains(KubernetesClients.HTTP_LOGGING_INTERCEPTOR)
                    .contains("io/fabric8/kubernetes/client/http/HttpLoggingInterceptor");
        }
    }
}
