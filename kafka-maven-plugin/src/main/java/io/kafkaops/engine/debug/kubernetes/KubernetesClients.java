package io.kafkaops.engine.debug.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.kafkaops.model.platform.KubernetesSettings;

/** How the placement reaches a stage's Kubernetes API server; tests hand it the mock server's client. */
@FunctionalInterface
public interface KubernetesClients {

    /**
     * The name under which fabric8 registers its HTTP logging interceptor when its logger is at TRACE: it logs request
     * and response bodies, and the body of the Secret a session creates holds the session's credential.
     */
    String HTTP_LOGGING_INTERCEPTOR = "HttpLogging";

    /** A new client for the stage's API server; the placement closes it after each use. */
    KubernetesClient client(KubernetesSettings settings);

    /**
     * fabric8's own configuration discovery (the pipeline's kubeconfig from {@code KUBECONFIG} or {@code ~/.kube/config},
     * else the in-cluster service account), with the platform's context and API server where it names them.
     */
    static KubernetesClients fromEnvironment() {
        return settings -> {
            Config config = Config.autoConfigure(settings.context());
            if (settings.apiServer() != null) {
                config = new ConfigBuilder(config).withMasterUrl(settings.apiServer()).build();
            }
            return new KubernetesClientBuilder().withConfig(config)
                    .withHttpClientBuilderConsumer(KubernetesClients::withoutBodyLogging)
                    .build();
        };
    }

    /**
     * Takes fabric8's body-logging interceptor out of a client being built, whatever logging the user turns on
     * ({@code -X} or a TRACE level for fabric8's loggers), so no request body (a Secret's data) is ever logged.
     */
    static void withoutBodyLogging(HttpClient.Builder builder) {
        builder.addOrReplaceInterceptor(HTTP_LOGGING_INTERCEPTOR, null);
    }
}
