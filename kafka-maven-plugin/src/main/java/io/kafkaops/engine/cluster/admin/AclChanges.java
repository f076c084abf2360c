package io.kafkaops.engine.cluster.admin;

import io.kafkaops.engine.apply.ApplyResults;
import io.kafkaops.engine.apply.EntityResult;
import io.kafkaops.engine.apply.PendingChanges;
import io.kafkaops.engine.desired.AclSpec;
import io.kafkaops.engine.plan.ChangeAction;
import io.kafkaops.engine.plan.PlannedChange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.DeleteAclsResult;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/** Creates and deletes ACL bindings in batches of {@value #BATCH}, one result per binding. */
final class AclChanges {

    /** Bindings or filters per createAcls / deleteAcls call. */
    static final int BATCH = AdminFutures.MAX_RECORDS_PER_REQUEST;

    private final AdminCalls admin;
    private final AdminFutures futures;
    private final Principals principals;

    AclChanges(AdminCalls admin, AdminFutures futures) {
        this(admin, futures, Principals.SAME);
    }

    /** @param principals how the cluster names the principals of the bindings */
    AclChanges(AdminCalls admin, AdminFutures futures, Principals principals) {
        this.admin = admin;
        this.futures = futures;
        this.principals = principals;
    }

    void create(List<PlannedChange> changes, ApplyResults results) {
        for (List<PlannedChange> chunk : AdminFutures.chunks(changes, c -> 1)) {
            Map<AclBinding, PlannedChange> bindings = new LinkedHashMap<>();
            for (PlannedChange c : chunk) {
                try {
                    bindings.put(binding(c.acl(), principals), c);
                } catch (IllegalArgumentException e) {
                    results.put(c, EntityResult.failed(c, "not a Kafka ACL binding: " + e.getMessage()));
                }
            }
            if (bindings.isEmpty()) continue;
            try {
                Map<AclBinding, KafkaFuture<Void>> answers = admin.createAcls(bindings.keySet()).values();
                bindings.forEach((b, c) -> {
                    String error = futures.error(answers.get(b));
                    results.put(c, error == null ? EntityResult.applied(c, null) : EntityResult.failed(c, error));
                });
            } catch (RuntimeException e) {
                bindings.values().forEach(c -> results.put(c, EntityResult.failed(c, KafkaErrors.message(e))));
            }
        }
    }

    void delete(List<PlannedChange> changes, ApplyResults results) {
        for (List<PlannedChange> chunk : AdminFutures.chunks(changes, c -> 1)) {
            Map<AclBindingFilter, PlannedChange> filters = new LinkedHashMap<>();
            for (PlannedChange c : chunk) {
                try {
                    filters.put(binding(c.acl(), principals).toFilter(), c);
                } catch (IllegalArgumentException e) {
                    results.put(c, EntityResult.failed(c, "not a Kafka ACL binding: " + e.getMessage()));
                }
            }
            if (filters.isEmpty()) continue;
            try {
                Map<AclBindingFilter, KafkaFuture<DeleteAclsResult.FilterResults>> answers =
                        admin.deleteAcls(filters.keySet()).values();
                filters.forEach((f, c) -> {
                    String error = futures.error(answers.get(f));
                    if (error == null) {
                        try {
                            for (DeleteAclsResult.FilterResult r : answers.get(f).get().values()) {
                                if (r.exception() != null) error = KafkaErrors.message(r.exception());
                            }
                        } catch (Exception e) {
                            error = KafkaErrors.message(e);
                        }
                    }
                    results.put(c, error == null ? EntityResult.applied(c, null) : EntityResult.failed(c, error));
                });
            } catch (RuntimeException e) {
                filters.values().forEach(c -> results.put(c, EntityResult.failed(c, KafkaErrors.message(e))));
            }
        }
    }

    /** The applied ACL creations and deletions until one describeAcls call shows them all. */
    PendingChanges pending(List<PlannedChange> applied) {
        Map<String, PlannedChange> toAppear = new HashMap<>();
        Map<String, PlannedChange> toGo = new HashMap<>();
        for (PlannedChange c : applied) (c.action() == ChangeAction.DELETE ? toGo : toAppear).put(c.name(), c);
        if (toAppear.isEmpty() && toGo.isEmpty()) return PendingChanges.NONE;
        return new PendingChanges() {
            @Override
            public void check() throws Exception {
                Set<String> present = new HashSet<>();
                for (AclBinding b : admin.describeAcls(AclBindingFilter.ANY).values()
                        .get(futures.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    present.add(AdminClusterReader.spec(b, principals).key());
                }
                toAppear.keySet().removeIf(present::contains);
                toGo.keySet().removeIf(k -> !present.contains(k));
            }

            @Override
            public Collection<PlannedChange> pending() {
                List<PlannedChange> out = new ArrayList<>(toAppear.values());
                out.addAll(toGo.values());
                return out;
            }
        };
    }

    static AclBinding binding(AclSpec a) {
        return binding(a, Principals.SAME);
    }

    /** The binding with its principal as the cluster names it. */
    static AclBinding binding(AclSpec a, Principals principals) {
        return new AclBinding(
                new ResourcePattern(ResourceType.valueOf(a.resourceType()), a.resourceName(),
                        PatternType.valueOf(a.patternType())),
                new AccessControlEntry(principals.toCluster(a.principal()), a.host(), AclOperation.valueOf(a.operation()),
                        AclPermissionType.valueOf(a.permission())));
    }
}
