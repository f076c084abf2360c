package io.kafkaops.policy.internal.builtin;

import io.kafkaops.model.Location;
import io.kafkaops.model.Topic;
import io.kafkaops.model.TopicOverride;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.policy.PolicyConfigurationException;
import io.kafkaops.policy.PolicyContext;
import io.kafkaops.policy.PolicyParams;
import io.kafkaops.policy.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bounds on a per-topic count (partitions, replication factor): {@code min}, {@code max}, and per stage
 * {@code stages: {prod: {min: 3}}}. Checks the value that takes effect on each stage the topic is deployed to: the
 * stage override, else the topic's value, else the platform default.
 */
abstract class TopicSizeBoundsPolicy extends BuiltInPolicy<TopicSizeBoundsPolicy.Config> {

    record Bounds(Long min, Long max) {
        Bounds or(Bounds fallback) {
            return new Bounds(min != null ? min : fallback.min, max != null ? max : fallback.max);
        }

        @Override
        public String toString() {
            return "{min=" + min + ", max=" + max + "}";
        }
    }

    record Config(Bounds global, Map<String, Bounds> stages) {
        Bounds forStage(String stage) {
            Bounds s = stages.get(stage);
            return s == null ? global : s.or(global);
        }

        @Override
        public String toString() {
            return "min=" + global.min + ", max=" + global.max + ", stages=" + stages;
        }
    }

    TopicSizeBoundsPolicy(String id, String description) {
        super(id, false, "min, max, stages", description);
    }

    /** {@code partitions} / {@code replicationFactor}: the field name in entity files. */
    abstract String field();

    /** {@code 6 partitions} / {@code replication factor 3}, for messages. */
    abstract String amount(int value);

    abstract Integer value(Topic topic);

    abstract Integer value(TopicOverride override);

    abstract int platformDefault(PlatformDefinition platform);

    /** Whether the bounds are checked on a stage at all. */
    boolean checks(String stage, ModelIndex index) {
        return true;
    }

    @Override
    Config config(PolicyParams params) {
        String id = params.policyId();
        ParamRules.onlyKnown(params, "min", "max", "stages");
        Bounds global = bounds(id, "", params.asMap());
        Map<String, Bounds> stages = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : ParamRules.map(id, "stages", params.raw("stages")).entrySet()) {
            String where = "stages." + e.getKey() + ".";
            Map<String, Object> m = ParamRules.map(id, "stages." + e.getKey(), e.getValue());
            ParamRules.onlyKnown(id, where, m, "min", "max");
            Bounds b = bounds(id, where, m);
            if (b.min() == null && b.max() == null) {
                throw new PolicyConfigurationException("policy " + id + ": parameter 'stages." + e.getKey()
                        + "' needs min or max");
            }
            stages.put(e.getKey(), b);
            checkOrder(id, where, b.or(global));
        }
        if (global.min() == null && global.max() == null && stages.isEmpty()) {
            throw new PolicyConfigurationException("policy " + id + " needs the parameter 'min', 'max' or 'stages'");
        }
        return new Config(global, stages);
    }

    private static Bounds bounds(String id, String where, Map<String, Object> m) {
        Bounds b = new Bounds(ParamRules.atLeast(id, where + "min", m.get("min"), 1).orElse(null),
                ParamRules.atLeast(id, where + "max", m.get("max"), 1).orElse(null));
        checkOrder(id, where, b);
        return b;
    }

    private static void checkOrder(String id, String where, Bounds b) {
        if (b.min() != null && b.max() != null && b.min() > b.max()) {
            throw new PolicyConfigurationException("policy " + id + ": " + (where.isEmpty() ? "" : "in '"
                    + where.substring(0, where.length() - 1) + "' ") + "min " + b.min() + " is above max " + b.max());
        }
    }

    /** One finding shared by every stage where the same value from the same place crosses the same bound. */
    private record Finding(Location location, String source, int value, boolean below, long bound) {
    }

    @Override
    List<Violation> violations(PolicyContext context, Config config) {
        PlatformDefinition platform = context.platform();
        ModelIndex index = ModelIndex.of(context);
        ParamRules.knownStages(id(), "stages", config.stages().keySet(), index.stageNames);
        int platformDefault = platformDefault(platform);
        Map<String, Bounds> perStage = new HashMap<>();
        for (String stage : index.stageNames) perStage.put(stage, config.forStage(stage));
        List<Violation> out = new ArrayList<>();
        for (Topic t : context.model().topics()) {
            Map<Finding, List<String>> findings = null;
            for (String stage : index.deployedStages(t.deployTo())) {
                if (!checks(stage, index)) continue;
                Bounds b = perStage.get(stage);
                TopicOverride o = t.overrides().get(stage);
                Integer overridden = o == null ? null : value(o);
                Integer own = value(t);
                int v = overridden != null ? overridden : own != null ? own : platformDefault;
                boolean below = b.min() != null && v < b.min();
                if (!below && (b.max() == null || v <= b.max())) continue;
                // where the value came from is only worked out for what gets reported
                String source = overridden != null ? "overrides." + stage + "." + field()
                        : own != null ? field() : null;
                Location where = t.origin().at(source != null ? source : "name");
                Finding f = new Finding(where, source, v, below, below ? b.min() : b.max());
                if (findings == null) findings = new LinkedHashMap<>();
                findings.computeIfAbsent(f, k -> new ArrayList<>()).add(stage);
            }
            if (findings == null) continue;
            for (Map.Entry<Finding, List<String>> e : findings.entrySet()) {
                out.add(violation(t, e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    private Violation violation(Topic t, Finding f, List<String> stages) {
        String bound = (f.below() ? "minimum " : "maximum ") + f.bound();
        String message = "topic '" + t.name() + "' has " + amount(f.value()) + " on " + Texts.stages(stages)
                + (f.source() == null ? " (platform default)" : "") + ", " + (f.below() ? "below" : "above") + " the "
                + bound;
        String limit = (f.below() ? "at least " : "at most ") + f.bound();
        String hint = f.source() == null
                ? "set " + field() + " on the topic to " + limit + " (the platform default " + f.value()
                        + " applies when none is given)"
                : "set " + f.source() + " to " + limit;
        return new Violation(message, f.location(), hint);
    }
}
