package io.kafkaops.engine.cluster.admin;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.AlterConfigsResult;
import org.apache.kafka.clients.admin.AlterPartitionReassignmentsOptions;
import org.apache.kafka.clients.admin.AlterPartitionReassignmentsResult;
import org.apache.kafka.clients.admin.AlterUserScramCredentialsOptions;
import org.apache.kafka.clients.admin.AlterUserScramCredentialsResult;
import org.apache.kafka.clients.admin.CreateAclsOptions;
import org.apache.kafka.clients.admin.CreateAclsResult;
import org.apache.kafka.clients.admin.CreateDelegationTokenOptions;
import org.apache.kafka.clients.admin.CreateDelegationTokenResult;
import org.apache.kafka.clients.admin.CreatePartitionsOptions;
import org.apache.kafka.clients.admin.CreatePartitionsResult;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DeleteAclsOptions;
import org.apache.kafka.clients.admin.DeleteAclsResult;
import org.apache.kafka.clients.admin.DeleteTopicsOptions;
import org.apache.kafka.clients.admin.DeleteTopicsResult;
import org.apache.kafka.clients.admin.DescribeAclsOptions;
import org.apache.kafka.clients.admin.DescribeAclsResult;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeConfigsResult;
import org.apache.kafka.clients.admin.DescribeDelegationTokenOptions;
import org.apache.kafka.clients.admin.DescribeDelegationTokenResult;
import org.apache.kafka.clients.admin.DescribeLogDirsOptions;
import org.apache.kafka.clients.admin.DescribeLogDirsResult;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.DescribeUserScramCredentialsOptions;
import org.apache.kafka.clients.admin.DescribeUserScramCredentialsResult;
import org.apache.kafka.clients.admin.ExpireDelegationTokenOptions;
import org.apache.kafka.clients.admin.ExpireDelegationTokenResult;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListPartitionReassignmentsOptions;
import org.apache.kafka.clients.admin.ListPartitionReassignmentsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsResult;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;

/**
 * The Admin calls the engine makes, each counted as one round trip, with the session's timeout applied. Tests
 * subclass it to make one call fail and check that a half-failed deploy is completed by the next one.
 */
public class AdminCalls implements AutoCloseable {

    private final Admin admin;
    private final int timeoutMs;
    private final AtomicInteger calls = new AtomicInteger();

    public AdminCalls(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    /** Admin calls made so far. */
    public int roundTrips() {
        return calls.get();
    }

    protected void count() {
        calls.incrementAndGet();
    }

    public DescribeClusterResult describeCluster() {
        count();
        return admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs));
    }

    public ListTopicsResult listTopics() {
        count();
        return admin.listTopics(new ListTopicsOptions().listInternal(false).timeoutMs(timeoutMs));
    }

    public DescribeTopicsResult describeTopics(Collection<String> topics) {
        count();
        return admin.describeTopics(topics, new DescribeTopicsOptions().timeoutMs(timeoutMs));
    }

    public DescribeConfigsResult describeConfigs(Collection<ConfigResource> resources) {
        return describeConfigs(resources, true);
    }

    /**
     * @param synonyms whether each entry lists what it falls back to: about three times the objects per config, which
     *                 for thousands of topics is most of a read's memory
     */
    public DescribeConfigsResult describeConfigs(Collection<ConfigResource> resources, boolean synonyms) {
        count();
        return admin.describeConfigs(resources, new DescribeConfigsOptions().includeSynonyms(synonyms)
                .timeoutMs(timeoutMs));
    }

    public DescribeAclsResult describeAcls(AclBindingFilter filter) {
        count();
        return admin.describeAcls(filter, new DescribeAclsOptions().timeoutMs(timeoutMs));
    }

    public DescribeUserScramCredentialsResult describeUserScramCredentials() {
        count();
        return admin.describeUserScramCredentials(null,
                new DescribeUserScramCredentialsOptions().timeoutMs(timeoutMs));
    }

    public AlterUserScramCredentialsResult alterUserScramCredentials(List<UserScramCredentialAlteration> alterations) {
        count();
        return admin.alterUserScramCredentials(alterations, new AlterUserScramCredentialsOptions().timeoutMs(timeoutMs));
    }

    /** listOffsets with a timeout of its own (a short probe, not a step of the deploy). */
    public ListOffsetsResult listOffsets(Map<TopicPartition, OffsetSpec> partitions, Duration timeout) {
        count();
        return admin.listOffsets(partitions, new ListOffsetsOptions().timeoutMs((int) Math.min(timeoutMs,
                timeout.toMillis())));
    }

    public CreateTopicsResult createTopics(Collection<NewTopic> topics) {
        count();
        return admin.createTopics(topics, new CreateTopicsOptions().timeoutMs(timeoutMs));
    }

    public CreatePartitionsResult createPartitions(Map<String, NewPartitions> partitions) {
        count();
        return admin.createPartitions(partitions, new CreatePartitionsOptions().timeoutMs(timeoutMs));
    }

    public AlterConfigsResult incrementalAlterConfigs(Map<ConfigResource, Collection<AlterConfigOp>> ops) {
        count();
        return admin.incrementalAlterConfigs(ops, new AlterConfigsOptions().timeoutMs(timeoutMs));
    }

    public AlterPartitionReassignmentsResult alterPartitionReassignments(
            Map<TopicPartition, Optional<NewPartitionReassignment>> reassignments) {
        count();
        return admin.alterPartitionReassignments(reassignments,
                new AlterPartitionReassignmentsOptions().timeoutMs(timeoutMs));
    }

    public ListPartitionReassignmentsResult listPartitionReassignments(Set<TopicPartition> partitions) {
        count();
        return admin.listPartitionReassignments(partitions, new ListPartitionReassignmentsOptions().timeoutMs(timeoutMs));
    }

    public DescribeLogDirsResult describeLogDirs(Collection<Integer> brokers) {
        count();
        return admin.describeLogDirs(brokers, new DescribeLogDirsOptions().timeoutMs(timeoutMs));
    }

    public CreateAclsResult createAcls(Collection<AclBinding> bindings) {
        count();
        return admin.createAcls(bindings, new CreateAclsOptions().timeoutMs(timeoutMs));
    }

    public DeleteAclsResult deleteAcls(Collection<AclBindingFilter> filters) {
        count();
        return admin.deleteAcls(filters, new DeleteAclsOptions().timeoutMs(timeoutMs));
    }

    public DeleteTopicsResult deleteTopics(Collection<String> topics) {
        count();
        return admin.deleteTopics(topics, new DeleteTopicsOptions().timeoutMs(timeoutMs));
    }

    public CreateDelegationTokenResult createDelegationToken(CreateDelegationTokenOptions options) {
        count();
        return admin.createDelegationToken(options.timeoutMs(timeoutMs));
    }

    public DescribeDelegationTokenResult describeDelegationToken(DescribeDelegationTokenOptions options) {
        count();
        return admin.describeDelegationToken(options.timeoutMs(timeoutMs));
    }

    public ExpireDelegationTokenResult expireDelegationToken(byte[] hmac, ExpireDelegationTokenOptions options) {
        count();
        return admin.expireDelegationToken(hmac, options.timeoutMs(timeoutMs));
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
