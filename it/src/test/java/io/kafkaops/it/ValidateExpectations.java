package io.kafkaops.it;

import java.util.List;

/** The exact diagnostic lines kafka:validate prints for the sample repo validate-mistakes: one mistake of each kind. */
final class ValidateExpectations {

    static final List<String> MISTAKES = List.of(
            "src/main/kafka/access.yaml:4:5: ERROR [serviceAccountNaming] service account name 'BillingWorker' does not match the naming pattern ^[a-z]+-[a-z0-9-]+$ (rename the service account so that its whole logical name (without stage prefix) matches the pattern)",
            "src/main/kafka/access.yaml:4:5: ERROR [teamNamespace] service account 'BillingWorker' is outside the namespace of team billing (team billing's service account names start with 'billing-')",
            "src/main/kafka/access.yaml:8:15: ERROR [references] the grant for 'billing-api' names in produce topic 'billing.invoice.v1', which is neither declared in this repository nor listed under external.topics (did you mean 'billing.Invoices'? Otherwise declare it under topics, or list it under external.topics)",
            "src/main/kafka/access.yaml:8:35: ERROR [topicVisibility] 'billing-api' may not produce to 'toll.transactions.v1': the name lies in the namespace of team toll, and only a topic's own team produces to it (remove it; to get data into toll.transactions.v1, talk to team toll)",
            "src/main/kafka/access.yaml:11:5: ERROR [rawAcl] raw ACL on the CLUSTER resource (ALL) gives cluster-wide rights, which the platform does not allow (ask the platform team; only it can set allowCluster: true for policy rawAcl)",
            "src/main/kafka/access.yaml:13:5: ERROR [rawAcl] raw ACL grants operation ALL on CLUSTER 'kafka-cluster' (list the operations the service needs (for topics usually READ, WRITE, DESCRIBE), one binding each; or use a grant)",
            "src/main/kafka/broken.yaml:4:1: ERROR [yamlSyntax] YAML syntax error: found unexpected end of stream (while scanning a quoted scalar that starts at line 3) (close the quoted text with the same quote character)",
            "src/main/kafka/dup-key.yaml:4:5: ERROR [duplicateKey] the key 'partitions' appears twice in this map (first at line 3) (keep only one 'partitions')",
            "src/main/kafka/topics.yaml:3:5: ERROR [topicNaming] topic name 'billing.Invoices' does not match the naming pattern ^[a-z]+\\.[a-z0-9-]+\\.v[0-9]+$ (rename the topic so that its whole logical name (without stage prefix) matches the pattern)",
            "src/main/kafka/topics.yaml:6:5: ERROR [unknownKey] unknown key 'partitons' in topics[1] (did you mean 'partitions'?)",
            "src/main/kafka/topics.yaml:9:17: ERROR [schema] topics[2].partitions must be an integer, not a string (\"6\") (write 6 without quotes)",
            "src/main/kafka/topics.yaml:12:5: ERROR [requiredMetadata] topic 'billing.fees.v1' lacks required metadata: dataClassification (add it with a non-blank value: metadata: { dataClassification: ... })",
            "src/main/kafka/topics.yaml:14:15: ERROR [topicConfig] topic 'billing.rebates.v1': retention.ms is 7776000000 (90d), above the maximum 30d (set retention.ms to at most 30d)",
            "src/main/kafka/topics.yaml:17:15: ERROR [topicConfig] topic 'billing.vouchers.v1' sets config retention.msec, which the platform does not allow (remove it; allowed topic configs: cleanup.policy, retention.ms, retention.bytes, max.message.bytes, min.insync.replicas, min.compaction.lag.ms, max.compaction.lag.ms, delete.retention.ms, compression.type)",
            "src/main/kafka/topics.yaml:17:15: ERROR [topicConfigKeys] topic 'billing.vouchers.v1' sets retention.msec, which is not a Kafka topic config (did you mean 'retention.ms'?)",
            "src/main/kafka/topics.yaml:20:5: ERROR [stageOrder] topic 'billing.disputes.v1' is deployed to test, prod but not to dev, preprod before them (add dev, preprod to deployTo: stages are promoted in the order dev, test, preprod, prod, and nothing reaches a stage without the ones before it)",
            "src/main/kafka/topics.yaml:23:5: ERROR [topicPartitions] topic 'billing.archive.v1' has 80 partitions on stages dev, test, preprod, prod, local, above the maximum 50 (set partitions to at most 50)",
            "src/main/kafka/topics.yaml:25:15: ERROR [topicReplicationFactor] topic 'billing.archive.v1' has replication factor 1 on stage prod, below the minimum 3 (set overrides.prod.replicationFactor to at least 3)",
            "src/main/kafka/topics.yaml:27:5: ERROR [duplicates] topic 'billing.payouts.v1' is declared twice: at src/main/kafka/more-topics.yaml:2:5 and at src/main/kafka/topics.yaml:27:5 (keep one declaration; a topic is declared once per repository, with per-stage differences under overrides and deployTo)",
            "src/main/kafka/topics.yaml:29:5: ERROR [teamNamespace] topic 'toll.fees.v1' is outside the namespace of team billing (team billing's topic names start with 'billing.')");

    private ValidateExpectations() {
    }
}
