package io.kafkaops.model.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.LoadResult;
import io.kafkaops.model.Location;
import io.kafkaops.model.Severity;
import io.kafkaops.model.platform.Cluster;
import io.kafkaops.model.platform.ClusterCredentials;
import io.kafkaops.model.platform.DebugSettings;
import io.kafkaops.model.platform.KubernetesSettings;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.model.platform.PolicyConfig;
import io.kafkaops.model.platform.PolicyLevel;
import io.kafkaops.model.platform.SecretStoreConfig;
import io.kafkaops.model.platform.Stage;
import io.kafkaops.model.platform.Team;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformLoaderTest {

    /** The example platform teams copy; the build runs tests from the module directory. */
    private static final Path EXAMPLE = Path.of("../examples/platform/platform.yaml");

    @Test
    void theExamplePlatformDefinitionIsValid() {
        LoadResult<PlatformDefinition> result = PlatformLoader.load(EXAMPLE, "examples/platform/platform.yaml");

        assertThat(result.diagnostics()).isEmpty();
        PlatformDefinition p = result.value();
        assertThat(p.source()).isEqualTo("examples/platform/platform.yaml");
        assertThat(p.stageNames()).containsExactly("dev", "test", "preprod", "prod", "local");
        assertThat(p.promotionStages()).extracting(Stage::name).containsExactly("dev", "test", "preprod", "prod");
        assertThat(p.isDevelopmentStage("local")).isTrue();
        assertThat(p.stage("local").orElseThrow().allowDeletes()).isTrue();
        assertThat(p.clusters().get("local").isEmbedded()).isTrue();
        assertThat(p.clusters().get("local").bootstrapServers()).isNull();
        Stage devStage = p.stage("dev").orElseThrow();
        assertThat(new Stage(devStage.name(), devStage.cluster(), devStage.prefix(), devStage.allowDeletes(),
                devStage.location()))
                .isEqualTo(new Stage("dev", "nonprod", "dev.", true, new Location("examples/platform/platform.yaml", 21, 5)));
        assertThat(devStage.debug().maxLifetime()).isEqualTo(Duration.ofHours(8));
        assertThat(devStage.debug().kubernetesSettings().orElseThrow().namespaces())
                .containsExactly(Map.entry("billing", "billing-dev"), Map.entry("toll", "toll-dev"));
        assertThat(p.stage("prod").orElseThrow().allowDeletes()).isFalse();
        assertThat(p.stage("prod").orElseThrow().prefix()).isEmpty();
        assertThat(p.defaultPartitions()).isEqualTo(3);
        assertThat(p.defaultReplicationFactor()).isEqualTo(3);

        assertThat(p.clusters()).containsOnlyKeys("nonprod", "preprod", "prod", "local");
        Cluster nonprod = p.clusters().get("nonprod");
        assertThat(nonprod.name()).isEqualTo("nonprod");
        assertThat(nonprod.type()).isEqualTo(Cluster.TYPE_APACHE_KAFKA);
        assertThat(nonprod.bootstrapServers()).startsWith("kafka-nonprod-1.example.internal:9093,");
        assertThat(nonprod.properties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(nonprod.credentials()).isEqualTo(new ClusterCredentials("kafka-nonprod", null, null));
        assertThat(p.clusters().get("prod").credentials())
                .isEqualTo(new ClusterCredentials(null, "KAFKA_PROD_ADMIN_USERNAME", "KAFKA_PROD_ADMIN_PASSWORD"));

        assertThat(p.teams()).extracting(Team::name).containsExactly("billing", "toll");
        Team billing = p.team("billing").orElseThrow();
        assertThat(billing.prefixes().topics()).containsExactly("billing.");
        assertThat(billing.prefixes().serviceAccounts()).containsExactly("billing-");
        assertThat(billing.ownsRepository("com.example.billing", "billing-service")).isTrue();
        assertThat(billing.ownsRepository("com.example.toll", "toll-gateway")).isFalse();
        assertThat(p.teamsOwningRepository("com.example.toll", "toll-gateway")).extracting(Team::name)
                .containsExactly("toll");
        // shared stages, dev included, keep credentials in a vault; only the embedded stage has a file
        SecretStoreConfig dev = billing.secretStore("dev");
        assertThat(dev.type()).isEqualTo(SecretStoreConfig.TYPE_AZURE_KEY_VAULT);
        assertThat(dev.resolvedLocation("billing", "dev")).isEqualTo("https://kv-billing-dev.vault.azure.net");
        assertThat(p.secretStore(billing, "local").resolvedLocation("billing", "local"))
                .isEqualTo("target/kafka/credentials/billing-local.json");
        SecretStoreConfig prod = billing.secretStore("prod");
        assertThat(prod.type()).isEqualTo(SecretStoreConfig.TYPE_AZURE_KEY_VAULT);
        assertThat(prod.resolvedLocation("billing", "prod")).isEqualTo("https://kv-billing-prod.vault.azure.net");
        assertThat(p.topicOwner("toll.transactions.v1")).map(Team::name).contains("toll");

        assertThat(p.policies()).extracting(PolicyConfig::rule).containsExactly("topicNaming",
                "serviceAccountNaming", "requiredMetadata", "topicConfig", "topicPartitions",
                "topicReplicationFactor", "rawAcl");
        assertThat(p.policies()).allSatisfy(c -> assertThat(c.level()).isEqualTo(PolicyLevel.ERROR));
        PolicyConfig topicConfig = p.policies().get(3);
        assertThat(topicConfig.params().get("allowed")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.LIST).contains("cleanup.policy", "retention.ms");
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) topicConfig.params().get("values");
        assertThat(values.get("cleanup.policy")).isEqualTo(Map.of("enum", List.of("delete", "compact", "compact,delete")));
        assertThat(values.get("retention.ms")).isEqualTo(Map.of("min", "1h", "max", "30d"));
        PolicyConfig partitions = p.policies().get(4);
        assertThat(partitions.params()).containsEntry("min", 1L).containsEntry("max", 50L)
                .containsEntry("stages", Map.of("prod", Map.of("min", 3L)));
        assertThat(p.policies().get(6).params()).containsEntry("allowCluster", false);
        assertThat(partitions.location().file()).isEqualTo("examples/platform/platform.yaml");
    }

    @Test
    void loadsFromTheClasspathWithDefaults() {
        LoadResult<PlatformDefinition> result =
                PlatformLoader.loadClasspath("/platform/minimal-platform.yaml", getClass().getClassLoader());
        assertThat(result.diagnostics()).isEmpty();
        PlatformDefinition p = result.value();
        assertThat(p.source()).isEqualTo("classpath:platform/minimal-platform.yaml");
        assertThat(p.defaultPartitions()).isEqualTo(3);
        assertThat(p.defaultReplicationFactor()).isEqualTo(3);
        assertThat(p.stages()).singleElement().satisfies(s -> {
            assertThat(s.prefix()).isEmpty();
            assertThat(s.allowDeletes()).isFalse();
            assertThat(s.location()).isEqualTo(new Location("classpath:platform/minimal-platform.yaml", 2, 5));
        });
        assertThat(p.clusters().get("local").credentials().isNone()).isTrue();
        assertThat(p.teams()).isEmpty();
        assertThat(p.policies()).isEmpty();
    }

    @Test
    void missingSourcesAreDiagnostics() {
        LoadResult<PlatformDefinition> cp = PlatformLoader.loadClasspath("nope.yaml", getClass().getClassLoader());
        assertThat(cp.value()).isNull();
        assertThat(cp.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "classpath:nope.yaml:1:1: ERROR [io] no resource 'nope.yaml' on the plugin's classpath (add the artifact"
                        + " that holds the platform definition as a <dependency> of the plugin)");

        LoadResult<PlatformDefinition> file = PlatformLoader.load(Path.of("target/does-not-exist.yaml"));
        assertThat(file.value()).isNull();
        assertThat(file.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.ruleId()).isEqualTo(LoadRules.IO);
            assertThat(d.location()).isEqualTo(new Location("target/does-not-exist.yaml", 1, 1));
        });

        LoadResult<PlatformDefinition> empty = PlatformLoader.load("empty.yaml",
                new ByteArrayInputStream("# nothing\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(empty.value()).isNull();
        assertThat(empty.diagnostics()).extracting(Diagnostic::format)
                .containsExactly("empty.yaml:1:1: ERROR [platform] the platform definition is empty"
                        + " (define at least stages and clusters)");
    }

    @Test
    void reportsEveryInconsistencyAtOnce() {
        LoadResult<PlatformDefinition> result = PlatformLoader.parse("p.yaml", """
                defaults: { partitions: 0 }
                stages:
                  - { name: dev, cluster: nonprd, prefix: "dev." }
                  - { name: test, cluster: nonprod, prefix: "test." }
                  - { name: dev, cluster: nonprod, prefix: "x." }
                  - { name: prod, cluster: prod, alowDeletes: true }
                  - { name: qa, cluster: nonprod, prefix: "test.qa." }
                clusters:
                  nonprod:
                    bootstrapServers: a:9092
                    properties: { sasl.jaas.config: "secret stuff", ssl.truststore.password: changeit }
                    credentials: { usernameEnv: U }
                  prod:
                    bootstrapServers: b:9092
                    credentials: { server: s, passwordEnv: P }
                teams:
                  - name: billing
                    prefixes: { topics: ["billing."] }
                    secretStores:
                      prd: { type: azure-key-vault, url: "https://x" }
                      dev: { type: file }
                  - name: billing
                  - name: invoicing
                    prefixes: { topics: ["billing.invoices."] }
                policies:
                  - { rule: topicNaming, level: warn, params: { pattern: "^x$" } }
                  - { rule: rawAcl, level: FATAL }
                """);
        assertThat(result.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "p.yaml:1:25: ERROR [schema] defaults.partitions must be at least 1, not 0",
                "p.yaml:3:27: ERROR [platform] stage 'dev' uses cluster 'nonprd', which is not defined under clusters (did you mean 'nonprod'?)",
                "p.yaml:5:13: ERROR [platform] stage 'dev' is defined twice (first at line 3) (give every stage its own name)",
                "p.yaml:6:34: ERROR [unknownKey] unknown key 'alowDeletes' in stages[3] (did you mean 'allowDeletes'?)",
                "p.yaml:7:43: ERROR [platform] stages 'test' and 'qa' share cluster 'nonprod' but their prefixes ('test.' and 'test.qa.') overlap, so one stage's names could belong to the other (give each stage on a shared cluster its own prefix, none the start of another (for example dev. and test.))",
                "p.yaml:11:19: ERROR [platform] cluster 'nonprod': sasl.jaas.config holds credentials, which do not belong in the platform definition (remove it and set credentials.server (a settings.xml server) or credentials.usernameEnv/passwordEnv)",
                "p.yaml:11:53: WARN [platform] cluster 'nonprod': property 'ssl.truststore.password' looks like a secret; the platform definition is shared and not secret (keep secrets out of the platform definition)",
                "p.yaml:12:18: ERROR [platform] cluster 'nonprod': credentials need both usernameEnv and passwordEnv (add the missing passwordEnv)",
                "p.yaml:15:18: ERROR [platform] cluster 'prod': credentials name both a settings.xml server and environment variables (use either server or usernameEnv/passwordEnv)",
                "p.yaml:20:7: ERROR [platform] team 'billing' has a secret store for 'prd', which is not a stage (did you mean 'prod'?)",
                "p.yaml:21:12: ERROR [schema] teams[0].secretStores.dev has no 'path', which is required (add 'path: ...')",
                "p.yaml:22:11: ERROR [platform] team 'billing' is defined twice (first at line 17) (merge the two entries into one)",
                "p.yaml:24:26: ERROR [platform] team 'invoicing' topics prefix 'billing.invoices.' overlaps prefix 'billing.' of team 'billing' (each name must belong to exactly one team; make the prefixes distinct)",
                "p.yaml:27:28: ERROR [schema] policies[1].level: 'FATAL' is not one of ERROR, WARN, OFF");
        // the valid rest is still built; hasErrors says it cannot be trusted
        assertThat(result.hasErrors()).isTrue();
        assertThat(result.value().stageNames()).containsExactly("dev", "test", "prod", "qa");
        assertThat(result.value().team("billing").orElseThrow().secretStores()).containsOnlyKeys("prd");
        assertThat(result.value().policies()).extracting(PolicyConfig::rule).containsExactly("topicNaming");
    }

    @Test
    void secretStoreKeysMustBeStagesAndLevelsAreCaseInsensitive() {
        LoadResult<PlatformDefinition> result = PlatformLoader.parse("p.yaml", """
                stages: [{ name: dev, cluster: c }, { name: prod, cluster: c, prefix: "p." }]
                clusters: { c: { bootstrapServers: "a:1" } }
                teams:
                  - name: billing
                    secretStores:
                      "*": { type: azure-key-vault, url: "https://kv-{team}-{stage}.vault.azure.net", tenant: t1 }
                      prd: { type: file, path: x }
                policies:
                  - { rule: topicNaming, level: warn, params: { pattern: "^x$", nested: { list: [1, two, null] } } }
                """);
        assertThat(result.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "p.yaml:1:71: ERROR [platform] stages 'dev' and 'prod' share cluster 'c' but their prefixes ('' and 'p.') overlap, so one stage's names could belong to the other (give each stage on a shared cluster its own prefix, none the start of another (for example dev. and test.))",
                "p.yaml:7:7: ERROR [platform] team 'billing' has a secret store for 'prd', which is not a stage (did you mean 'prod'?)");
        PlatformDefinition p = result.value();
        assertThat(p.team("billing").orElseThrow().secretStore("prod").properties()).containsEntry("tenant", "t1");
        PolicyConfig naming = p.policies().get(0);
        assertThat(naming.level()).isEqualTo(PolicyLevel.WARN);
        assertThat(naming.params().get("nested")).isEqualTo(Map.of("list", java.util.Arrays.asList(1L, "two", null)));
        assertThat(result.diagnostics()).allSatisfy(d -> assertThat(d.severity()).isEqualTo(Severity.ERROR));
    }

    @Test
    void oneDocumentOnly() {
        LoadResult<PlatformDefinition> result = PlatformLoader.parse("p.yaml", """
                stages: [{ name: dev, cluster: c }]
                clusters: { c: { bootstrapServers: "a:1" } }
                ---
                stages: []
                """);
        assertThat(result.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "p.yaml:4:1: ERROR [platform] the platform definition has 2 YAML documents; it must be one (remove the '---' separators and merge the documents)");
        assertThat(result.value().stageNames()).containsExactly("dev");
    }

    @Test
    void requiredSectionsAreNamed() {
        LoadResult<PlatformDefinition> result = PlatformLoader.parse("p.yaml", "teams: []\n");
        assertThat(result.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "p.yaml:1:1: ERROR [schema] the document has no 'clusters', which is required (add 'clusters: ...')",
                "p.yaml:1:1: ERROR [schema] the document has no 'stages', which is required (add 'stages: ...')");
    }

    @Test
    void anEmbeddedClusterNeedsNoBootstrapServersAndItsStageAllowsDeletes() {
        LoadResult<PlatformDefinition> result = PlatformLoader.parse("p.yaml", """
                stages:
                  - { name: dev, cluster: c, prefix: "dev." }
                  - { name: prod, cluster: c, prefix: "prod." }
                  - { name: local, cluster: laptop }
                  - { name: sandbox, cluster: sandbox, allowDeletes: false }
                clusters:
                  c: { bootstrapServers: "a:1" }
                  laptop: { type: embedded }
                  sandbox: { type: embedded }
                teams:
                  - name: billing
                    secretStores:
                      "*": { type: azure-key-vault, url: "https://kv-{team}-{stage}.vault.azure.net" }
                      sandbox: { type: file, path: "x/{stage}.json" }
                """);
        assertThat(result.diagnostics()).isEmpty();
        PlatformDefinition p = result.value();
        assertThat(p.stage("local").orElseThrow().allowDeletes()).isTrue();
        assertThat(p.stage("sandbox").orElseThrow().allowDeletes()).isFalse();
        assertThat(p.stage("dev").orElseThrow().allowDeletes()).isFalse();
        assertThat(p.promotionStages()).extracting(Stage::name).containsExactly("dev", "prod");

        // development stages get what the first promotion stage gets, and what names them
        assertThat(p.deploys(null, "local")).isTrue();
        assertThat(p.deploys(List.of("dev"), "local")).isTrue();
        assertThat(p.deploys(List.of("dev"), "prod")).isFalse();
        assertThat(p.deploys(List.of("prod"), "local")).isFalse();
        assertThat(p.deploys(List.of("sandbox"), "sandbox")).isTrue();
        assertThat(p.deploys(List.of("sandbox"), "local")).isFalse();
        assertThat(p.deploys(List.of(), "local")).isFalse();

        // a development stage the team does not name gets a file under target/, never the "*" vault
        Team billing = p.team("billing").orElseThrow();
        assertThat(p.secretStore(billing, "local")).isEqualTo(SecretStoreConfig.localFile());
        assertThat(p.secretStore(billing, "sandbox").location()).isEqualTo("x/{stage}.json");
        assertThat(p.secretStore(billing, "prod").type()).isEqualTo(SecretStoreConfig.TYPE_AZURE_KEY_VAULT);
    }

    @Test
    void debugSettingsPerStageWithDefaultsAndDiagnostics() {
        LoadResult<PlatformDefinition> result = PlatformLoader.parse("p.yaml", """
                stages:
                  - { name: dev, cluster: c, prefix: "dev.", debug: { maxLifetime: 8h } }
                  - { name: test, cluster: c, prefix: "test." }
                  - { name: preprod, cluster: c, prefix: "pp.", debug: { maxLifetime: 30m, requireReason: true } }
                  - { name: prod, cluster: p, debug: { maxLifetime: 0 } }
                clusters:
                  c: { bootstrapServers: "a:1" }
                  p: { bootstrapServers: "b:1" }
                """);
        assertThat(result.diagnostics()).isEmpty();
        PlatformDefinition p = result.value();
        assertThat(p.stage("dev").orElseThrow().debug()).isEqualTo(new DebugSettings(Duration.ofHours(8), false));
        assertThat(p.stage("test").orElseThrow().debug()).isEqualTo(DebugSettings.DEFAULT);
        assertThat(DebugSettings.DEFAULT.maxLifetime()).isEqualTo(Duration.ofHours(8));
        assertThat(p.stage("preprod").orElseThrow().debug()).isEqualTo(new DebugSettings(Duration.ofMinutes(30), true));
        assertThat(p.stage("prod").orElseThrow().debug().sessionsAllowed()).isFalse();
        assertThat(p.stage("dev").orElseThrow().debug().sessionsAllowed()).isTrue();

        LoadResult<PlatformDefinition> bad = PlatformLoader.parse("p.yaml", """
                stages:
                  - { name: dev, cluster: c, prefix: d., debug: { maxLifetime: 8 hours } }
                  - { name: test, cluster: c, prefix: "t.", debug: { maxLifetime: soon, requireReason: yes please } }
                  - { name: prod, cluster: c, prefix: "p.", debug: { maxLifetme: 1h } }
                clusters:
                  c: { bootstrapServers: "a:1" }
                """);
        assertThat(bad.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "p.yaml:2:64: ERROR [platform] stage 'dev' has debug maxLifetime: unknown unit 'hours' in '8 hours' (use ms, s, m, h, d or w) (use a duration such as 30m or 8h, or 0 for no debug sessions)",
                "p.yaml:3:67: ERROR [schema] stages[1].debug.maxLifetime: 'soon' is not allowed here (string [soon] does not match pattern ^\\s*\\d+(\\.\\d+)?\\s*[a-zA-Z]*\\s*$)",
                "p.yaml:3:88: ERROR [schema] stages[1].debug.requireReason must be true or false, not a string (\"yes please\") (write true or false)",
                "p.yaml:4:54: ERROR [unknownKey] unknown key 'maxLifetme' in stages[2].debug (did you mean 'maxLifetime'?)");
        assertThat(bad.value().stage("dev").orElseThrow().debug()).isEqualTo(DebugSettings.DEFAULT);
    }

    @Test
    void debugKubernetesSettingsWithDefaultsAndTeamNamespaces() {
        LoadResult<PlatformDefinition> result = PlatformLoader.parse("p.yaml", """
                stages:
                  - name: dev
                    cluster: c
                    prefix: "dev."
                    debug:
                      maxLifetime: 8h
                      kubernetes:
                        apiServer: https://k8s-dev.example.internal:6443
                        context: dev
                        image: registry.example.internal/platform/kafka-cli:4.1.1
                        namespaces: { billing: billing-dev, shipping: shipping-dev }
                        requests: { cpu: 200m }
                        limits: { memory: 1Gi }
                        ttlAfterFinished: 5m
                        runAsUser: 1001
                  - { name: prod, cluster: c, prefix: "prod.", debug: { kubernetes: { namespaces: { billing: billing } } } }
                  - { name: test, cluster: c, prefix: "test.", debug: { maxLifetime: 1h } }
                clusters:
                  c: { bootstrapServers: "a:1" }
                teams:
                  - { name: billing, repositories: ["com.acme:billing-*"] }
                  - { name: shipping, repositories: ["com.acme:shipping-*"] }
                """);
        assertThat(result.diagnostics()).isEmpty();
        KubernetesSettings dev = result.value().stage("dev").orElseThrow().debug().kubernetesSettings().orElseThrow();
        assertThat(dev.apiServer()).isEqualTo("https://k8s-dev.example.internal:6443");
        assertThat(dev.context()).isEqualTo("dev");
        assertThat(dev.imageOr("4.1.1")).isEqualTo("registry.example.internal/platform/kafka-cli:4.1.1");
        assertThat(dev.namespace("billing")).contains("billing-dev");
        assertThat(dev.namespace("shipping")).contains("shipping-dev");
        assertThat(dev.namespace("payments")).isEmpty();
        assertThat(dev.requests()).containsEntry("cpu", "200m").containsEntry("memory", "256Mi");
        assertThat(dev.limits()).containsEntry("cpu", "1").containsEntry("memory", "1Gi");
        assertThat(dev.ttlAfterFinished()).isEqualTo(Duration.ofMinutes(5));
        assertThat(dev.runAsUser()).isEqualTo(1001);
        assertThat(dev.location().line()).isEqualTo(7);
        assertThat(dev.location().column()).isEqualTo(7);
        KubernetesSettings prod = result.value().stage("prod").orElseThrow().debug().kubernetesSettings().orElseThrow();
        assertThat(prod.apiServer()).isNull();
        assertThat(prod.context()).isNull();
        assertThat(prod.imageOr("4.1.1")).isEqualTo("apache/kafka:4.1.1");
        assertThat(prod.ttlAfterFinished()).isEqualTo(KubernetesSettings.DEFAULT_TTL_AFTER_FINISHED);
        assertThat(prod.runAsUser()).isEqualTo(1000);
        assertThat(prod.toolsDir()).isEqualTo("/opt/kafka/bin");
        assertThat(result.value().stage("test").orElseThrow().debug().kubernetesSettings()).isEmpty();
    }

    @Test
    void debugKubernetesMistakesAreReportedWhereWritten() {
        LoadResult<PlatformDefinition> bad = PlatformLoader.parse("p.yaml", """
                stages:
                  - name: dev
                    cluster: c
                    prefix: d.
                    debug:
                      kubernetes:
                        apiServer: k8s.example.internal
                        namespaces: { biling: b-dev, shipping: Shipping_Dev, billing: shared, ops: shared }
                        limits: { memory: lots }
                        ttlAfterFinished: 10 minutes
                        imagePullPolicy: Always
                  - { name: prod, cluster: c, prefix: "p.", debug: { kubernetes: { image: "x" } } }
                clusters:
                  c: { bootstrapServers: "a:1" }
                teams:
                  - { name: billing }
                  - { name: ops }
                  - { name: shipping }
                """);
        assertThat(bad.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "p.yaml:7:20: ERROR [schema] stages[0].debug.kubernetes.apiServer: 'k8s.example.internal' is not allowed here (string [k8s.example.internal] does not match pattern ^https?://[^\\s]+$)",
                "p.yaml:8:23: ERROR [platform] stage 'dev' gives a debug namespace to team 'biling', which is not defined under teams (did you mean 'billing'?)",
                "p.yaml:8:48: ERROR [schema] stages[0].debug.kubernetes.namespaces.shipping: 'Shipping_Dev' is not allowed here (string [Shipping_Dev] does not match pattern ^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$)",
                "p.yaml:8:84: ERROR [platform] stage 'dev' gives namespace 'shared' to both team 'billing' and team 'ops'; a namespace holds the debug sessions of one team only (give every team a namespace of its own)",
                "p.yaml:9:27: ERROR [schema] stages[0].debug.kubernetes.limits.memory: 'lots' is not allowed here (string [lots] does not match pattern ^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$)",
                "p.yaml:10:27: ERROR [platform] stage 'dev' has debug.kubernetes ttlAfterFinished: unknown unit 'minutes' in '10 minutes' (use ms, s, m, h, d or w) (use a duration such as 10m)",
                "p.yaml:11:9: ERROR [unknownKey] unknown key 'imagePullPolicy' in stages[0].debug.kubernetes (allowed here: apiServer, context, image, limits, namespaces, requests, runAsUser, toolsDir, ttlAfterFinished)",
                "p.yaml:12:66: ERROR [schema] stages[1].debug.kubernetes has no 'namespaces', which is required (add 'namespaces: ...')");
    }

    @Test
    void embeddedClusterMistakes() {
        LoadResult<PlatformDefinition> result = PlatformLoader.parse("p.yaml", """
                stages:
                  - { name: dev, cluster: c }
                  - { name: local, cluster: laptop }
                  - { name: local2, cluster: laptop, prefix: "x." }
                clusters:
                  c: { type: apache-kafka }
                  laptop:
                    type: embedded
                    bootstrapServers: "localhost:9092"
                    credentials: { server: s }
                  other: { type: embeded }
                """);
        assertThat(result.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "p.yaml:4:30: ERROR [platform] stages 'local' and 'local2' share the embedded cluster 'laptop', but every embedded stage starts a broker of its own (define one embedded cluster per stage (for example local: { type: embedded }))",
                "p.yaml:6:6: ERROR [schema] clusters.c has no 'bootstrapServers', which is required (add 'bootstrapServers: ...')",
                "p.yaml:9:5: WARN [platform] cluster 'laptop' is embedded: the plugin starts it on a random local port with its own admin user, so 'bootstrapServers' is ignored (remove bootstrapServers from the embedded cluster)",
                "p.yaml:10:5: WARN [platform] cluster 'laptop' is embedded: the plugin starts it on a random local port with its own admin user, so 'credentials' is ignored (remove credentials from the embedded cluster)",
                "p.yaml:11:18: ERROR [schema] clusters.other.type: 'embeded' is not one of apache-kafka, embedded, confluent-cloud (did you mean 'embedded'?)");
    }

    @Test
    void stagePrefixesMustBeUsableInKafkaNames() {
        // issue 10 item 2: a prefix the broker cannot accept in a topic name used to validate
        LoadResult<PlatformDefinition> result = PlatformLoader.parse("p.yaml", """
                stages:
                  - { name: a, cluster: c, prefix: "bad " }
                  - { name: b, cluster: c, prefix: "x/" }
                  - { name: c, cluster: c, prefix: "esc\\e." }
                  - { name: d, cluster: c, prefix: "new\\nline." }
                  - { name: e, cluster: c, prefix: "caf\u00e9." }
                  - { name: f, cluster: c, prefix: "%s" }
                  - { name: g, cluster: c, prefix: "ok_-.G1." }
                clusters: { c: { bootstrapServers: "a:1" } }
                """.formatted("p".repeat(249)));
        assertThat(result.diagnostics()).extracting(Diagnostic::format).filteredOn(l -> l.contains("has prefix"))
                .containsExactly(
                "p.yaml:2:36: ERROR [platform] stage 'a' has prefix 'bad ', which contains a space; a prefix becomes part of every topic name, so it has only letters a-z and A-Z, digits, '.', '_' and '-' (use a prefix such as \"a.\")",
                "p.yaml:3:36: ERROR [platform] stage 'b' has prefix 'x/', which contains '/'; a prefix becomes part of every topic name, so it has only letters a-z and A-Z, digits, '.', '_' and '-' (use a prefix such as \"b.\")",
                "p.yaml:4:36: ERROR [platform] stage 'c' has prefix 'esc\\u001B.', which contains U+001B; a prefix becomes part of every topic name, so it has only letters a-z and A-Z, digits, '.', '_' and '-' (use a prefix such as \"c.\")",
                "p.yaml:5:36: ERROR [platform] stage 'd' has prefix 'new\\nline.', which contains a newline; a prefix becomes part of every topic name, so it has only letters a-z and A-Z, digits, '.', '_' and '-' (use a prefix such as \"d.\")",
                "p.yaml:6:36: ERROR [platform] stage 'e' has prefix 'caf\\u00E9.', which contains U+00E9; a prefix becomes part of every topic name, so it has only letters a-z and A-Z, digits, '.', '_' and '-' (use a prefix such as \"e.\")",
                "p.yaml:7:36: ERROR [platform] stage 'f' has prefix '%s', which has 249 characters; with it no topic name fits Kafka's limit of 249 (use a prefix such as \"f.\")".formatted("p".repeat(249)));
    }

    @Test
    void clusterIdsArePinnedInEitherShapeAndRefusedInAnyOther() {
        // issue 13: Apache Kafka's 22 characters of base64url and Confluent Cloud's lkc- ids are accepted
        LoadResult<PlatformDefinition> ok = PlatformLoader.parse("p.yaml", """
                stages:
                  - { name: dev, cluster: a }
                  - { name: prod, cluster: b }
                  - { name: cc, cluster: c }
                clusters:
                  a: { bootstrapServers: "a:1", clusterId: MkU3OEVBNTcwNTJENDM2Qg }
                  b: { bootstrapServers: "b:1", clusterId: "x-_Y0123456789abcdefgh", replicationThrottle: 10MiB/s }
                  c: { bootstrapServers: "c:1", clusterId: lkc-abc123, replicationThrottle: 1000000 }
                """);
        assertThat(ok.diagnostics()).isEmpty();
        assertThat(ok.value().clusters().get("a").clusterId()).isEqualTo("MkU3OEVBNTcwNTJENDM2Qg");
        assertThat(ok.value().clusters().get("a").replicationThrottle())
                .isEqualTo(Cluster.DEFAULT_REPLICATION_THROTTLE).isEqualTo(50L * 1024 * 1024);
        assertThat(ok.value().clusters().get("b").clusterId()).isEqualTo("x-_Y0123456789abcdefgh");
        assertThat(ok.value().clusters().get("b").replicationThrottle()).isEqualTo(10L * 1024 * 1024);
        assertThat(ok.value().clusters().get("c").clusterId()).isEqualTo("lkc-abc123");
        assertThat(ok.value().clusters().get("c").replicationThrottle()).isEqualTo(1_000_000L);

        LoadResult<PlatformDefinition> bad = PlatformLoader.parse("p.yaml", """
                stages:
                  - { name: dev, cluster: a }
                clusters:
                  a: { bootstrapServers: "a:1", clusterId: MkU3OEVBNTcwNTJENDM2Q }
                  b: { bootstrapServers: "b:1", clusterId: "MkU3OEVBNTcwNTJENDM2Q+" }
                  c: { bootstrapServers: "c:1", clusterId: LKC-ABC }
                  d: { bootstrapServers: "d:1", clusterId: 12 }
                  e: { bootstrapServers: "e:1", replicationThrottle: 50 furlongs }
                  f: { bootstrapServers: "f:1", replicationThrottle: 0 }
                  g: { bootstrapServers: "g:1", replicationThrottle: 5 parsecs/s }
                """);
        assertThat(bad.diagnostics()).extracting(Diagnostic::format).allSatisfy(
                l -> assertThat(l).matches("p\\.yaml:\\d+:\\d+: ERROR \\[(schema|platform)] .*"));
        assertThat(bad.diagnostics()).extracting(d -> d.location().line()).containsExactly(4, 5, 6, 7, 8, 9, 10);
        assertThat(bad.diagnostics().get(0).format()).startsWith("p.yaml:4:44: ERROR [schema] clusters.a.clusterId")
                .contains("22 characters of base64url", "lkc-");
        assertThat(bad.diagnostics().get(4).format()).isEqualTo("p.yaml:8:54: ERROR [platform] cluster 'e' has"
                + " replicationThrottle '50 furlongs', which is not a positive number of bytes per second (give a number"
                + " with an optional unit (B, KB, MB, GB, KiB, MiB, GiB) and /s, for example 50MiB/s)");
        // a broken value leaves the default in force, so the other problems are still found
        assertThat(bad.value().clusters().get("e").replicationThrottle()).isEqualTo(Cluster.DEFAULT_REPLICATION_THROTTLE);
        assertThat(bad.value().clusters().get("a").clusterId()).isNull();
    }
}
