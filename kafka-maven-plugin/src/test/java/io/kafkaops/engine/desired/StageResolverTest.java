package io.kafkaops.engine.desired;

import static io.kafkaops.engine.Fixtures.REPO;
import static io.kafkaops.engine.Fixtures.TEAM;
import static io.kafkaops.engine.Fixtures.account;
import static io.kafkaops.engine.Fixtures.consumes;
import static io.kafkaops.engine.Fixtures.model;
import static io.kafkaops.engine.Fixtures.produces;
import static io.kafkaops.engine.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaops.engine.Fixtures;
import io.kafkaops.model.AclEntry;
import io.kafkaops.model.AclOperation;
import io.kafkaops.model.AclPermission;
import io.kafkaops.model.AclResourceType;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.Grant;
import io.kafkaops.model.PatternType;
import io.kafkaops.model.RawAcl;
import io.kafkaops.model.ResourceRef;
import io.kafkaops.model.TopicOverride;
import io.kafkaops.model.Visibility;
import io.kafkaops.model.platform.Cluster;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.model.platform.Stage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageResolverTest {

    private final PlatformDefinition platform = Fixtures.platform("localhost:9092", "prod:9092", 3, 3, "dev.", "test.");

    @Test
    void prefixesEveryPhysicalNameAndKeepsLogicalNames() {
        EntityModel m = model(List.of(topic("billing.invoices.v1", 6, Map.of("retention.ms", "7d"))),
                List.of(account("billing-service")),
                List.of(produces("billing-service", "billing.invoices.v1"),
                        consumes("billing-service", "billing-service", "toll.transactions.v1")),
                List.of(), List.of("toll.transactions.v1"), List.of());

        DesiredState d = StageResolver.resolve(m, platform, "test", REPO, TEAM);

        assertThat(d.stagePrefix()).isEqualTo("test.");
        assertThat(d.topics()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("test.billing.invoices.v1");
            assertThat(t.logicalName()).isEqualTo("billing.invoices.v1");
            assertThat(t.config()).containsEntry("retention.ms", "604800000");
            assertThat(t.replicationFactor()).isEqualTo(3);
        });
        assertThat(d.principals()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("test.billing-service");
            assertThat(p.logicalName()).isEqualTo("billing-service");
            assertThat(p.credentials()).isTrue();
        });
        assertThat(d.acls()).extracting(AclEntry::toString).containsExactly(
                "ALLOW User:test.billing-service WRITE on TOPIC test.billing.invoices.v1",
                "ALLOW User:test.billing-service DESCRIBE on TOPIC test.billing.invoices.v1",
                "ALLOW User:test.billing-service READ on TOPIC test.toll.transactions.v1",
                "ALLOW User:test.billing-service DESCRIBE on TOPIC test.toll.transactions.v1",
                "ALLOW User:test.billing-service READ on GROUP test.billing-service");
    }

    @Test
    void prefixedResourcesStayPrefixedWithTheStagePrefixAdded() {
        Grant g = new Grant("billing-service", List.of(new ResourceRef("billing.", PatternType.PREFIXED, null)),
                List.of(), List.of(), List.of(ResourceRef.literal("billing-tx", null)), Fixtures.at(1));
        EntityModel m = model(List.of(), List.of(account("billing-service")), List.of(g));

        DesiredState d = StageResolver.resolve(m, platform, "dev", REPO, TEAM);

        assertThat(d.acls()).extracting(AclEntry::toString).containsExactly(
                "ALLOW User:dev.billing-service WRITE on TOPIC dev.billing.*",
                "ALLOW User:dev.billing-service DESCRIBE on TOPIC dev.billing.*",
                "ALLOW User:dev.billing-service WRITE on TRANSACTIONAL_ID dev.billing-tx",
                "ALLOW User:dev.billing-service DESCRIBE on TRANSACTIONAL_ID dev.billing-tx");
        assertThat(d.acls()).allMatch(a -> a.resourceType() != AclResourceType.TOPIC
                || a.patternType() == PatternType.PREFIXED);
    }

    @Test
    void appliesOverridesAndPlatformDefaults() {
        EntityModel m = model(List.of(
                topic("billing.invoices.v1", 6, null, Map.of("retention.ms", "7d", "cleanup.policy", "delete"),
                        Visibility.PUBLIC, true, null,
                        Map.of("prod", new TopicOverride(12, 2, Map.of("retention.ms", "14d")))),
                topic("billing.defaults.v1", null, Map.of())), List.of(), List.of());

        DesiredState prod = StageResolver.resolve(m, platform, "prod", REPO, TEAM);
        DesiredState dev = StageResolver.resolve(m, platform, "dev", REPO, TEAM);

        DesiredTopic invoicesProd = prod.topics().get(0);
        assertThat(invoicesProd.name()).isEqualTo("billing.invoices.v1");
        assertThat(invoicesProd.partitions()).isEqualTo(12);
        assertThat(invoicesProd.replicationFactor()).isEqualTo(2);
        assertThat(invoicesProd.config()).containsEntry("retention.ms", "1209600000")
                .containsEntry("cleanup.policy", "delete");
        assertThat(invoicesProd.protectedTopic()).isTrue();
        assertThat(invoicesProd.visibility()).isEqualTo(Visibility.PUBLIC);

        DesiredTopic invoicesDev = dev.topics().get(0);
        assertThat(invoicesDev.partitions()).isEqualTo(6);
        assertThat(invoicesDev.config()).containsEntry("retention.ms", "604800000");

        DesiredTopic defaults = dev.topics().get(1);
        assertThat(defaults.partitions()).isEqualTo(3);
        assertThat(defaults.replicationFactor()).isEqualTo(3);
    }

    @Test
    void dropsEntitiesNotDeployedToTheStageAndTheirAcls() {
        EntityModel m = model(
                List.of(topic("billing.invoices.v1", 1, null, Map.of(), Visibility.PRIVATE, false, List.of("dev"),
                        Map.of()), topic("billing.payments.v1", 1, Map.of())),
                List.of(account("billing-service"), account("billing-batch", true, List.of("dev"))),
                List.of(produces("billing-service", "billing.invoices.v1", "billing.payments.v1"),
                        produces("billing-batch", "billing.payments.v1")));

        DesiredState test = StageResolver.resolve(m, platform, "test", REPO, TEAM);

        assertThat(test.topics()).extracting(DesiredTopic::name).containsExactly("test.billing.payments.v1");
        assertThat(test.principals()).extracting(DesiredPrincipal::name).containsExactly("test.billing-service");
        assertThat(test.acls()).extracting(AclEntry::toString).containsExactly(
                "ALLOW User:test.billing-service WRITE on TOPIC test.billing.payments.v1",
                "ALLOW User:test.billing-service DESCRIBE on TOPIC test.billing.payments.v1");

        DesiredState dev = StageResolver.resolve(m, platform, "dev", REPO, TEAM);
        assertThat(dev.acls()).hasSize(6);
    }

    @Test
    void keepsBindingsOfExternalServiceAccountsAndDropsUnknownOnes() {
        RawAcl raw = new RawAcl("User:toll-reader", AclResourceType.TOPIC, "billing.invoices.v1", null,
                AclOperation.DESCRIBE_CONFIGS, AclPermission.ALLOW, null, Fixtures.at(30));
        RawAcl unknown = new RawAcl("User:nobody", AclResourceType.TOPIC, "billing.invoices.v1", null,
                AclOperation.READ, AclPermission.ALLOW, null, Fixtures.at(31));
        EntityModel m = model(List.of(topic("billing.invoices.v1", 1, Map.of())), List.of(), List.of(),
                List.of(raw, unknown), List.of(), List.of("toll-reader"));

        DesiredState d = StageResolver.resolve(m, platform, "prod", REPO, TEAM);

        assertThat(d.acls()).extracting(AclEntry::toString)
                .containsExactly("ALLOW User:toll-reader DESCRIBE_CONFIGS on TOPIC billing.invoices.v1");
    }

    @Test
    void aDevelopmentStageGetsWhatTheFirstStageGetsOnOneReplica() {
        PlatformDefinition base = Fixtures.platform("localhost:9092", "prod:9092", 3, 3, "dev.", "test.");
        List<Stage> stages = new java.util.ArrayList<>(base.stages());
        stages.add(new Stage("local", "laptop", "", true, null));
        Map<String, Cluster> clusters = new java.util.HashMap<>(base.clusters());
        clusters.put("laptop", new Cluster("laptop", Cluster.TYPE_EMBEDDED, null, Map.of(), null, null));
        PlatformDefinition withLocal = new PlatformDefinition(stages, clusters, base.teams(), List.of(), 3, 3, "p");
        EntityModel m = model(
                List.of(topic("billing.invoices.v1", 6, 3, Map.of("min.insync.replicas", "2"), Visibility.PRIVATE,
                                false, List.of("dev"), Map.of("local", new TopicOverride(2, null, Map.of()))),
                        topic("billing.payments.v1", 1, null, Map.of(), Visibility.PRIVATE, false, List.of("test"),
                                Map.of()),
                        topic("billing.defaults.v1", null, Map.of())),
                List.of(account("billing-service", true, List.of("dev", "test"))),
                List.of(produces("billing-service", "billing.invoices.v1", "billing.payments.v1")));

        DesiredState local = StageResolver.resolve(m, withLocal, "local", REPO, TEAM);

        assertThat(local.topics()).extracting(DesiredTopic::name)
                .containsExactly("billing.invoices.v1", "billing.defaults.v1");
        assertThat(local.topics()).allSatisfy(t -> assertThat(t.replicationFactor()).isEqualTo(1));
        assertThat(local.topics().get(0).partitions()).isEqualTo(2);
        assertThat(local.topics().get(0).config()).containsEntry("min.insync.replicas", "1");
        assertThat(local.topics().get(1).config()).doesNotContainKey("min.insync.replicas");
        assertThat(local.principals()).extracting(DesiredPrincipal::name).containsExactly("billing-service");
        assertThat(local.acls()).extracting(AclEntry::toString).containsExactly(
                "ALLOW User:billing-service WRITE on TOPIC billing.invoices.v1",
                "ALLOW User:billing-service DESCRIBE on TOPIC billing.invoices.v1");

        // the promotion stages are untouched by the development stage
        DesiredTopic dev = StageResolver.resolve(m, withLocal, "dev", REPO, TEAM).topics().get(0);
        assertThat(dev.replicationFactor()).isEqualTo(3);
        assertThat(dev.config()).containsEntry("min.insync.replicas", "2");
    }

    @Test
    void unknownStageIsAClearError() {
        assertThatThrownBy(() -> StageResolver.resolve(EntityModel.empty(), platform, "qa", REPO, TEAM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown stage 'qa'")
                .hasMessageContaining("[dev, test, prod]");
    }
}
