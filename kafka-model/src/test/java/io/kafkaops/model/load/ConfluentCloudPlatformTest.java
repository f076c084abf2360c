package io.kafkaops.model.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.LoadResult;
import io.kafkaops.model.platform.Cluster;
import io.kafkaops.model.platform.ClusterCredentials;
import io.kafkaops.model.platform.ConfluentCloud;
import io.kafkaops.model.platform.PlatformDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code confluent-cloud} cluster type in the platform definition: fields, defaults and shape checks. */
class ConfluentCloudPlatformTest {

    private static LoadResult<PlatformDefinition> load(String cluster) {
        return PlatformLoader.parse("platform.yaml", """
                stages:
                  - name: prod
                    cluster: ccloud
                clusters:
                  ccloud:
                """ + cluster.indent(4));
    }

    private static List<String> lines(LoadResult<PlatformDefinition> r) {
        return r.diagnostics().stream().map(Diagnostic::format).toList();
    }

    @Test
    void aConfluentCloudClusterHasItsIdsItsApiAndTwoKeys() {
        LoadResult<PlatformDefinition> r = load("""
                type: confluent-cloud
                environment: env-a1b2c3
                kafkaCluster: lkc-x1y2z3
                bootstrapServers: pkc-abc.westeurope.azure.confluent.cloud:9092
                credentials:
                  cloudApiKey: { server: ccloud-iam }
                  clusterApiKey: { usernameEnv: CC_KAFKA_KEY, passwordEnv: CC_KAFKA_SECRET }
                """);

        assertThat(lines(r)).isEmpty();
        Cluster c = r.value().clusters().get("ccloud");
        assertThat(c.isConfluentCloud()).isTrue();
        assertThat(c.credentials()).isEqualTo(new ClusterCredentials(null, "CC_KAFKA_KEY", "CC_KAFKA_SECRET"));
        ConfluentCloud cloud = c.confluentCloud();
        assertThat(cloud.environmentId()).isEqualTo("env-a1b2c3");
        assertThat(cloud.kafkaClusterId()).isEqualTo("lkc-x1y2z3");
        assertThat(cloud.apiBaseUrl()).isEqualTo("https://api.confluent.cloud");
        assertThat(cloud.cloudApiKey()).isEqualTo(new ClusterCredentials("ccloud-iam", null, null));
    }

    @Test
    void theApiBaseUrlCanBeSetForAProxyOrATestServer() {
        LoadResult<PlatformDefinition> r = load("""
                type: confluent-cloud
                environment: env-a1
                kafkaCluster: lkc-x1
                apiBaseUrl: https://127.0.0.1:8443
                bootstrapServers: localhost:9092
                credentials:
                  cloudApiKey: { server: ccloud-iam }
                  clusterApiKey: { server: ccloud-kafka }
                """);

        assertThat(lines(r)).isEmpty();
        assertThat(r.value().clusters().get("ccloud").confluentCloud().apiBaseUrl())
                .isEqualTo("https://127.0.0.1:8443");
    }

    @Test
    void idsOfTheWrongShapeArePointedAt() {
        LoadResult<PlatformDefinition> r = load("""
                type: confluent-cloud
                environment: lkc-a1
                kafkaCluster: cluster-1
                apiBaseUrl: api.confluent.cloud
                bootstrapServers: localhost:9092
                credentials:
                  cloudApiKey: { server: ccloud-iam }
                  clusterApiKey: { server: ccloud-kafka }
                """);

        assertThat(lines(r)).hasSize(3);
        assertThat(lines(r).get(0)).startsWith("platform.yaml:7:18: ERROR").contains("env-a1b2c3");
        assertThat(lines(r).get(1)).startsWith("platform.yaml:8:19: ERROR").contains("lkc-a1b2c3");
        assertThat(lines(r).get(2)).startsWith("platform.yaml:9:17: ERROR").contains("https://api.confluent.cloud");
    }

    @Test
    void missingPartsAreNamedAllAtOnce() {
        LoadResult<PlatformDefinition> r = load("""
                type: confluent-cloud
                credentials:
                  cloudApiKey: { server: ccloud-iam }
                """);

        String all = String.join("\n", lines(r));
        assertThat(all).contains("bootstrapServers").contains("environment").contains("kafkaCluster")
                .contains("names no source for its cluster API key (credentials.clusterApiKey)");
        assertThat(lines(r)).allMatch(l -> l.matches("platform\\.yaml:\\d+:\\d+: ERROR \\[.+].*"));
    }

    @Test
    void aSingleCredentialDoesNotSayWhichKeyItIs() {
        LoadResult<PlatformDefinition> r = load("""
                type: confluent-cloud
                environment: env-a1
                kafkaCluster: lkc-x1
                bootstrapServers: localhost:9092
                credentials:
                  server: ccloud
                """);

        assertThat(String.join("\n", lines(r)))
                .contains("platform.yaml:11:7: ERROR")
                .contains("does not say which one it is")
                .contains("names no source for its Cloud API key (credentials.cloudApiKey)");
    }

    @Test
    void halfAnEnvironmentPairIsAnError() {
        LoadResult<PlatformDefinition> r = load("""
                type: confluent-cloud
                environment: env-a1
                kafkaCluster: lkc-x1
                bootstrapServers: localhost:9092
                credentials:
                  cloudApiKey: { usernameEnv: CC_KEY }
                  clusterApiKey: { server: ccloud-kafka }
                """);

        assertThat(lines(r)).singleElement().asString()
                .contains("credentials.cloudApiKey (the Cloud API key) needs both usernameEnv and passwordEnv");
    }

    @Test
    void confluentSettingsOnAnotherClusterTypeAreErrors() {
        LoadResult<PlatformDefinition> r = load("""
                type: apache-kafka
                environment: env-a1
                bootstrapServers: localhost:9092
                credentials:
                  server: kafka
                  cloudApiKey: { server: ccloud-iam }
                """);

        assertThat(lines(r)).hasSize(2).allMatch(l -> l.contains("is not a Confluent Cloud cluster"));
    }
}
