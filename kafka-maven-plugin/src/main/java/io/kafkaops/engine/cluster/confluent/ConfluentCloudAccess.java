package io.kafkaops.engine.cluster.confluent;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How to reach the Confluent Cloud API for one stage.
 *
 * @param baseUrl        the API, https://api.confluent.cloud unless a proxy or a test server stands in
 * @param cloudApiKey    the Cloud API key (IAM) the requests authenticate with
 * @param environmentId  {@code env-...}
 * @param kafkaClusterId {@code lkc-...}: the cluster service-account keys are scoped to
 * @param sslContext     the TLS trust to use; null for the JVM's default
 * @param connectTimeout bound on opening a connection
 * @param requestTimeout bound on one request's answer
 * @param retry          when to ask again
 * @param clusterApiKeySource which key the Admin client signs in with and where it came from, for messages ("the
 *                       cluster API key from settings server `ccloud-kafka`"); never the key's secret
 */
public record ConfluentCloudAccess(URI baseUrl, CloudCredential cloudApiKey, String environmentId,
                                   String kafkaClusterId, SSLContext sslContext, Duration connectTimeout,
                                   Duration requestTimeout, RetryPolicy retry, String clusterApiKeySource) {

    public ConfluentCloudAccess {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(cloudApiKey, "cloudApiKey");
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
        retry = retry == null ? RetryPolicy.DEFAULT : retry;
        clusterApiKeySource = clusterApiKeySource == null ? "the cluster API key" : clusterApiKeySource;
        String u = baseUrl.toString();
        if (u.endsWith("/")) baseUrl = URI.create(u.substring(0, u.length() - 1));
    }

    /** With the usual timeouts and retry policy and the JVM's TLS trust. */
    public static ConfluentCloudAccess of(URI baseUrl, CloudCredential cloudApiKey, String environmentId,
                                          String kafkaClusterId) {
        return new ConfluentCloudAccess(baseUrl, cloudApiKey, environmentId, kafkaClusterId, null, null, null, null,
                null);
    }

    public ConfluentCloudAccess withSslContext(SSLContext context) {
        return new ConfluentCloudAccess(baseUrl, cloudApiKey, environmentId, kafkaClusterId, context, connectTimeout,
                requestTimeout, retry, clusterApiKeySource);
    }

    public ConfluentCloudAccess withRetry(RetryPolicy policy) {
        return new ConfluentCloudAccess(baseUrl, cloudApiKey, environmentId, kafkaClusterId, sslContext,
                connectTimeout, requestTimeout, policy, clusterApiKeySource);
    }

    public ConfluentCloudAccess withTimeouts(Duration connect, Duration request) {
        return new ConfluentCloudAccess(baseUrl, cloudApiKey, environmentId, kafkaClusterId, sslContext, connect,
                request, retry, clusterApiKeySource);
    }

    public ConfluentCloudAccess withClusterApiKeySource(String source) {
        return new ConfluentCloudAccess(baseUrl, cloudApiKey, environmentId, kafkaClusterId, sslContext,
                connectTimeout, requestTimeout, retry, source);
    }

    @Override
    public String toString() {
        return "ConfluentCloudAccess[baseUrl=" + baseUrl + ", cloudApiKey=" + cloudApiKey + ", environment="
                + environmentId + ", kafkaCluster=" + kafkaClusterId + "]";
    }
}
