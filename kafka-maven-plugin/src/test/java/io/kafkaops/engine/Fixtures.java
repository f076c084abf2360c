package io.kafkaops.engine;

import io.kafkaops.model.EntityModel;
import io.kafkaops.model.ExternalRef;
import io.kafkaops.model.Grant;
import io.kafkaops.model.Location;
import io.kafkaops.model.Origin;
import io.kafkaops.model.RawAcl;
import io.kafkaops.model.ResourceRef;
import io.kafkaops.model.ServiceAccount;
import io.kafkaops.model.Topic;
import io.kafkaops.model.TopicOverride;
import io.kafkaops.model.Visibility;
import io.kafkaops.model.platform.Cluster;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.model.platform.SecretStoreConfig;
import io.kafkaops.model.platform.Stage;
import io.kafkaops.model.platform.Team;
import io.kafkaops.model.platform.TeamPrefixes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small builders for models and platform definitions in tests. */
public final class Fixtures {

    public static final String REPO = "com.example:billing-service";
    public static final String TEAM = "billing";

    private Fixtures() {
    }

    public static Origin at(int line) {
        return Origin.of(new Location("src/main/kafka/billing.yaml", line, 5));
    }

    /** dev and test share cluster nonprod (prefixes dev. and test.), prod has its own; dev and test allow deletes. */
    public static PlatformDefinition platform(String bootstrap) {
        return platform(bootstrap, bootstrap, 1, 1, "dev.", "test.");
    }

    public static PlatformDefinition platform(String nonprod, String prod, int partitions, int rf, String devPrefix,
                                              String testPrefix) {
        List<Stage> stages = List.of(
                new Stage("dev", "nonprod", devPrefix, true, null),
                new Stage("test", "nonprod", testPrefix, true, null),
                new Stage("prod", "prod", "", false, null));
        Map<String, Cluster> clusters = Map.of(
                "nonprod", new Cluster("nonprod", Cluster.TYPE_APACHE_KAFKA, nonprod, Map.of(), null, null),
                "prod", new Cluster("prod", Cluster.TYPE_APACHE_KAFKA, prod, Map.of(), null, null));
        Team billing = new Team(TEAM, new TeamPrefixes(List.of("billing."), List.of("billing-"), List.of("billing-"),
                List.of("billing-")), List.of("com.example:billing-*"),
                Map.of("*", new SecretStoreConfig(SecretStoreConfig.TYPE_FILE,
                        "target/kafka/credentials/{team}-{stage}.json", Map.of()),
                        "prod", new SecretStoreConfig("aws-secrets-manager", "billing/{stage}", Map.of())), null);
        return new PlatformDefinition(stages, clusters, List.of(billing), List.of(), partitions, rf, "test-platform");
    }

    public static Topic topic(String name, Integer partitions, Map<String, String> config) {
        return new Topic(name, partitions, null, config, Map.of(), Visibility.PRIVATE, List.of(), false, null,
                Map.of(), at(3));
    }

    public static Topic topic(String name, Integer partitions, Integer rf, Map<String, String> config,
                              Visibility visibility, boolean protectedTopic, List<String> deployTo,
                              Map<String, TopicOverride> overrides) {
        return new Topic(name, partitions, rf, config, Map.of(), visibility, List.of(), protectedTopic, deployTo,
                overrides, at(3));
    }

    public static ServiceAccount account(String name) {
        return new ServiceAccount(name, "the " + name, true, Map.of(), null, at(10));
    }

    public static ServiceAccount account(String name, boolean credentials, List<String> deployTo) {
        return new ServiceAccount(name, "the " + name, credentials, Map.of(), deployTo, at(10));
    }

    public static Grant produces(String account, String... topics) {
        List<ResourceRef> refs = new ArrayList<>();
        for (String t : topics) refs.add(ResourceRef.literal(t, null));
        return new Grant(account, refs, List.of(), List.of(), List.of(), at(20));
    }

    public static Grant consumes(String account, String group, String... topics) {
        List<ResourceRef> refs = new ArrayList<>();
        for (String t : topics) refs.add(ResourceRef.literal(t, null));
        return new Grant(account, List.of(), refs, group == null ? List.of() : List.of(ResourceRef.literal(group, null)),
                List.of(), at(25));
    }

    public static EntityModel model(List<Topic> topics, List<ServiceAccount> accounts, List<Grant> grants) {
        return model(topics, accounts, grants, List.of(), List.of(), List.of());
    }

    public static EntityModel model(List<Topic> topics, List<ServiceAccount> accounts, List<Grant> grants,
                                    List<RawAcl> acls, List<String> externalTopics, List<String> externalAccounts) {
        return new EntityModel(topics, accounts, grants, acls,
                externalTopics.stream().map(n -> new ExternalRef(n, null)).toList(),
                externalAccounts.stream().map(n -> new ExternalRef(n, null)).toList(),
                List.of("src/main/kafka/billing.yaml"));
    }
}
