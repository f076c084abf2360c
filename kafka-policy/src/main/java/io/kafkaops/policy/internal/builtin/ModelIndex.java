package io.kafkaops.policy.internal.builtin;

import io.kafkaops.model.EntityModel;
import io.kafkaops.model.ExternalRef;
import io.kafkaops.model.Grant;
import io.kafkaops.model.Location;
import io.kafkaops.model.ResourceRef;
import io.kafkaops.model.ServiceAccount;
import io.kafkaops.model.Topic;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.policy.PolicyContext;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hash lookups over one model and platform, so no check ever scans all topics for each grant. Immutable once built,
 * and shared by the policies of one evaluation through {@link #of}.
 */
final class ModelIndex {

    /**
     * The index of the model evaluated last. Policies run one after another over the same model, so one entry is
     * enough; it is weakly held so that it never keeps a finished build's model in memory.
     */
    private static final AtomicReference<WeakReference<ModelIndex>> LAST = new AtomicReference<>();

    final EntityModel model;
    /** First declaration of each topic name (duplicates are the duplicates policy's business). */
    final Map<String, Topic> topics;
    final Map<String, ServiceAccount> serviceAccounts;
    final Set<String> externalTopics;
    final Set<String> externalServiceAccounts;
    final List<String> stageNames;
    final Map<String, Integer> stageIndex;
    /** Stages on embedded clusters: outside the promotion order, they get what the first promotion stage gets. */
    final Set<String> developmentStages;
    /** The stages in promotion order (all but the development stages) and their positions in it. */
    final List<String> promotionStageNames;
    final Map<String, Integer> promotionIndex;

    final PlatformDefinition platform;

    /** The index of the context's model and platform, reused when the previous policy already built it. */
    static ModelIndex of(PolicyContext context) {
        WeakReference<ModelIndex> ref = LAST.get();
        ModelIndex last = ref == null ? null : ref.get();
        if (last != null && last.model == context.model() && last.platform == context.platform()) return last;
        ModelIndex fresh = new ModelIndex(context.model(), context.platform());
        LAST.set(new WeakReference<>(fresh));
        return fresh;
    }

    ModelIndex(EntityModel model, PlatformDefinition platform) {
        this.model = model;
        this.platform = platform;
        Map<String, Topic> topicMap = new LinkedHashMap<>(capacity(model.topics().size()));
        for (Topic t : model.topics()) topicMap.putIfAbsent(t.name(), t);
        this.topics = Collections.unmodifiableMap(topicMap);
        Map<String, ServiceAccount> accountMap = new LinkedHashMap<>(capacity(model.serviceAccounts().size()));
        for (ServiceAccount sa : model.serviceAccounts()) accountMap.putIfAbsent(sa.name(), sa);
        this.serviceAccounts = Collections.unmodifiableMap(accountMap);
        this.externalTopics = names(model.externalTopics());
        this.externalServiceAccounts = names(model.externalServiceAccounts());
        this.stageNames = platform.stageNames();
        Map<String, Integer> indexes = new HashMap<>();
        for (int i = 0; i < stageNames.size(); i++) indexes.putIfAbsent(stageNames.get(i), i);
        this.stageIndex = Collections.unmodifiableMap(indexes);
        Set<String> development = new HashSet<>();
        List<String> promotion = new ArrayList<>();
        for (String stage : stageNames) {
            if (platform.isDevelopmentStage(stage)) development.add(stage);
            else promotion.add(stage);
        }
        this.developmentStages = Collections.unmodifiableSet(development);
        this.promotionStageNames = List.copyOf(promotion);
        Map<String, Integer> promotionIndexes = new HashMap<>();
        for (int i = 0; i < promotion.size(); i++) promotionIndexes.putIfAbsent(promotion.get(i), i);
        this.promotionIndex = Collections.unmodifiableMap(promotionIndexes);
    }

    /** Same as {@link PlatformDefinition#deploys}, from the precomputed stage sets. */
    boolean deploys(List<String> deployTo, String stage) {
        if (deployTo == null || deployTo.contains(stage)) return true;
        return developmentStages.contains(stage) && !promotionStageNames.isEmpty()
                && deployTo.contains(promotionStageNames.get(0));
    }

    /**
     * The stages an entity is deployed to, in the platform's order, ignoring names the platform does not define;
     * development stages included where {@link #deploys} says so.
     */
    List<String> deployedStages(List<String> deployTo) {
        if (deployTo == null) return stageNames;
        List<String> out = new ArrayList<>(deployTo.size() + developmentStages.size());
        for (String stage : stageNames) if (deploys(deployTo, stage)) out.add(stage);
        return out;
    }

    private volatile NavigableSet<String> sortedTopicNames;

    /** Declared and external topic names, sorted, for prefix lookups; built on first use. */
    NavigableSet<String> knownTopicNames() {
        NavigableSet<String> sorted = sortedTopicNames;
        if (sorted == null) {
            TreeSet<String> all = new TreeSet<>(topics.keySet());
            all.addAll(externalTopics);
            sorted = Collections.unmodifiableNavigableSet(all);
            sortedTopicNames = sorted;
        }
        return sorted;
    }

    /** Whether any name in the sorted set starts with the prefix: one ceiling lookup instead of a scan. */
    static boolean anyStartsWith(NavigableSet<String> sorted, String prefix) {
        String first = sorted.ceiling(prefix);
        return first != null && first.startsWith(prefix);
    }

    static Location refLocation(Grant g, String field, int index, ResourceRef ref) {
        return ref.location() != null ? ref.location() : g.origin().at(field + "[" + index + "]");
    }

    static Location location(ExternalRef ref, EntityModel model) {
        if (ref.location() != null) return ref.location();
        return new Location(model.files().isEmpty() ? "src/main/kafka" : model.files().get(0), 1, 1);
    }

    private static Set<String> names(Collection<ExternalRef> refs) {
        Set<String> out = new HashSet<>(capacity(refs.size()));
        for (ExternalRef r : refs) out.add(r.name());
        return Collections.unmodifiableSet(out);
    }

    private static int capacity(int n) {
        return Math.max(16, (int) (n / 0.75f) + 1);
    }
}
