package io.kafkaops.policy.builtin;

import io.kafkaops.model.EntityModel;
import io.kafkaops.model.ExternalRef;
import io.kafkaops.model.Grant;
import io.kafkaops.model.Location;
import io.kafkaops.model.ResourceRef;
import io.kafkaops.model.ServiceAccount;
import io.kafkaops.model.Topic;
import io.kafkaops.model.platform.PlatformDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hash lookups over one model and platform, built once per policy evaluation so no check ever scans all topics for
 * each grant.
 */
final class ModelIndex {

    final EntityModel model;
    /** First declaration of each topic name (duplicates are the duplicates policy's business). */
    final Map<String, Topic> topics;
    final Map<String, ServiceAccount> serviceAccounts;
    final Set<String> externalTopics;
    final Set<String> externalServiceAccounts;
    final List<String> stageNames;
    final Map<String, Integer> stageIndex;

    ModelIndex(EntityModel model, PlatformDefinition platform) {
        this.model = model;
        this.topics = new LinkedHashMap<>(capacity(model.topics().size()));
        for (Topic t : model.topics()) topics.putIfAbsent(t.name(), t);
        this.serviceAccounts = new LinkedHashMap<>(capacity(model.serviceAccounts().size()));
        for (ServiceAccount sa : model.serviceAccounts()) serviceAccounts.putIfAbsent(sa.name(), sa);
        this.externalTopics = names(model.externalTopics());
        this.externalServiceAccounts = names(model.externalServiceAccounts());
        this.stageNames = platform.stageNames();
        this.stageIndex = new HashMap<>();
        for (int i = 0; i < stageNames.size(); i++) stageIndex.putIfAbsent(stageNames.get(i), i);
    }

    /** The stages an entity is deployed to, in promotion order, ignoring names the platform does not define. */
    List<String> deployedStages(List<String> deployTo) {
        if (deployTo == null) return stageNames;
        boolean[] in = new boolean[stageNames.size()];
        for (String s : deployTo) {
            Integer i = stageIndex.get(s);
            if (i != null) in[i] = true;
        }
        List<String> out = new ArrayList<>(deployTo.size());
        for (int i = 0; i < in.length; i++) if (in[i]) out.add(stageNames.get(i));
        return out;
    }

    /** Declared and external topic names, sorted, for prefix lookups. */
    TreeSet<String> knownTopicNames() {
        TreeSet<String> all = new TreeSet<>(topics.keySet());
        all.addAll(externalTopics);
        return all;
    }

    /** Whether any name in the sorted set starts with the prefix: one ceiling lookup instead of a scan. */
    static boolean anyStartsWith(TreeSet<String> sorted, String prefix) {
        String first = sorted.ceiling(prefix);
        return first != null && first.startsWith(prefix);
    }

    static Location refLocation(Grant g, String field, int index, ResourceRef ref) {
        return ref.location() != null ? ref.location() : g.origin().at(field + "[" + index + "]");
    }

    static Location location(ExternalRef ref, EntityModel model) {
        if (ref.location() != null) return ref.location();
        return Location.ofFile(model.files().isEmpty() ? "src/main/kafka" : model.files().get(0));
    }

    private static Set<String> names(Collection<ExternalRef> refs) {
        Set<String> out = new HashSet<>(capacity(refs.size()));
        for (ExternalRef r : refs) out.add(r.name());
        return out;
    }

    private static int capacity(int n) {
        return Math.max(16, (int) (n / 0.75f) + 1);
    }
}
