package io.kafkaops.model.platform;

import io.kafkaops.model.Location;

/**
 * What a {@code confluent-cloud} cluster needs besides bootstrap servers: where it lives in Confluent Cloud and where
 * the Cloud API key comes from. The cluster API key (Kafka Admin over SASL_SSL/PLAIN) is the cluster's
 * {@link Cluster#credentials()}.
 *
 * @param environmentId  the environment, {@code env-...}
 * @param kafkaClusterId the Kafka cluster, {@code lkc-...}; API keys of service accounts are scoped to it
 * @param apiBaseUrl     the Confluent Cloud API, {@link #DEFAULT_API_BASE_URL} unless a proxy or test server is used
 * @param cloudApiKey    where the Cloud API key (IAM: service accounts, API keys) comes from; never the key itself
 */
public record ConfluentCloud(String environmentId, String kafkaClusterId, String apiBaseUrl,
                             ClusterCredentials cloudApiKey, Location location) {

    public static final String DEFAULT_API_BASE_URL = "https://api.confluent.cloud";

    public ConfluentCloud {
        apiBaseUrl = apiBaseUrl == null || apiBaseUrl.isBlank() ? DEFAULT_API_BASE_URL : apiBaseUrl;
        cloudApiKey = cloudApiKey == null ? ClusterCredentials.none() : cloudApiKey;
    }
}
