package io.kafkaops.policy.internal.builtin;

import io.kafkaops.model.Grant;
import io.kafkaops.model.Origin;
import io.kafkaops.model.ResourceRef;
import io.kafkaops.model.ServiceAccount;
import io.kafkaops.model.Suggestions;
import io.kafkaops.model.Topic;
import io.kafkaops.policy.PolicyContext;
import io.kafkaops.policy.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Entities move through the stages in promotion order: nothing reaches stage N that is not also on the stages
 * before it. Development stages (on embedded clusters) are outside that order: they get what the first promotion
 * stage gets, and may be named in deployTo and overrides without leaving a gap. Checks that deployTo and overrides name stages the platform defines, that deployTo is the first stages
 * without gaps, that overrides are for stages the entity is deployed to, and that a grant's topic exists on every
 * stage its service account does.
 */
public final class StageOrderPolicy extends ParameterlessPolicy {

    public static final String ID = "stageOrder";

    public StageOrderPolicy() {
        super(ID, "deployTo and overrides name the platform's stages, deployTo is a run of stages from the first in "
                + "promotion order, overrides are for deployed stages, and granted topics exist wherever their "
                + "service account does.");
    }

    @Override
    List<Violation> violations(PolicyContext context) {
        if (context.platform().stages().isEmpty()) {
            // no platform definition (or one without stages): there is no order to check names against
            return List.of();
        }
        ModelIndex index = ModelIndex.of(context);
        List<Violation> out = new ArrayList<>();
        for (Topic t : context.model().topics()) {
            deployTo("topic", t.name(), t.deployTo(), t.origin(), index, out);
            for (String stage : new TreeSet<>(t.overrides().keySet())) {
                if (!index.stageIndex.containsKey(stage)) {
                    out.add(new Violation("topic '" + t.name() + "' has overrides for stage '" + stage + "', which the "
                            + "platform does not define", t.origin().at("overrides." + stage),
                            unknownStageHint(stage, index)));
                } else if (!index.deploys(t.deployTo(), stage)) {
                    out.add(new Violation("topic '" + t.name() + "' has overrides for stage " + stage + " but is not "
                            + "deployed there", t.origin().at("overrides." + stage),
                            "add " + stage + " to deployTo, or remove the override"));
                }
            }
        }
        for (ServiceAccount sa : context.model().serviceAccounts()) {
            deployTo("service account", sa.name(), sa.deployTo(), sa.origin(), index, out);
        }
        for (Grant g : context.model().grants()) {
            ServiceAccount sa = index.serviceAccounts.get(g.serviceAccount());
            if (sa == null) continue;
            List<String> accountStages = index.deployedStages(sa.deployTo());
            grantTopics(g, sa, accountStages, "produce", g.produce(), index, out);
            grantTopics(g, sa, accountStages, "consume", g.consume(), index, out);
        }
        return out;
    }

    private static void deployTo(String noun, String name, List<String> deployTo, Origin origin, ModelIndex index,
                                 List<Violation> out) {
        if (deployTo == null) return;
        int highest = -1;
        Set<Integer> present = new HashSet<>();
        for (int i = 0; i < deployTo.size(); i++) {
            String stage = deployTo.get(i);
            if (stage == null) continue;
            if (!index.stageIndex.containsKey(stage)) {
                out.add(new Violation(noun + " '" + name + "' names stage '" + stage + "' in deployTo, which the "
                        + "platform does not define", origin.at("deployTo[" + i + "]"),
                        unknownStageHint(stage, index)));
                continue;
            }
            // development stages are outside the promotion order: naming one leaves no gap before anything
            Integer at = index.promotionIndex.get(stage);
            if (at == null) continue;
            present.add(at);
            highest = Math.max(highest, at);
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < highest; i++) {
            if (!present.contains(i)) missing.add(index.promotionStageNames.get(i));
        }
        if (missing.isEmpty()) return;
        List<String> deployed = new ArrayList<>();
        for (String stage : index.promotionStageNames) if (deployTo.contains(stage)) deployed.add(stage);
        out.add(new Violation(noun + " '" + name + "' is deployed to " + Texts.join(deployed)
                + " but not to " + Texts.join(missing) + " before " + (present.size() == 1 ? "it" : "them"),
                origin.at("deployTo"),
                "add " + Texts.join(missing) + " to deployTo: stages are promoted in the order "
                        + Texts.join(index.promotionStageNames)
                        + ", and nothing reaches a stage without the ones before it"));
    }

    private static void grantTopics(Grant g, ServiceAccount sa, List<String> accountStages, String field,
                                    List<ResourceRef> refs, ModelIndex index, List<Violation> out) {
        for (int i = 0; i < refs.size(); i++) {
            ResourceRef r = refs.get(i);
            if (r.isPrefix()) continue;
            Topic t = index.topics.get(r.name());
            if (t == null || t.deployTo() == null) continue;
            List<String> missing = null;
            for (String stage : accountStages) {
                if (index.deploys(t.deployTo(), stage)) continue;
                if (missing == null) missing = new ArrayList<>();
                missing.add(stage);
            }
            if (missing == null) continue;
            out.add(new Violation("the grant lets '" + sa.name() + "' " + (field.equals("produce") ? "produce to" : field)
                    + " topic '" + t.name() + "' on " + Texts.stages(missing) + ", but the topic is not deployed there",
                    ModelIndex.refLocation(g, field, i, r),
                    "add " + Texts.join(missing) + " to the deployTo of topic '" + t.name() + "', or leave "
                            + (missing.size() == 1 ? "it" : "them") + " out of the deployTo of service account '"
                            + sa.name() + "'"));
        }
    }

    private static String unknownStageHint(String stage, ModelIndex index) {
        String suggestion = Suggestions.didYouMean(stage, index.stageNames);
        String stages = "the platform's stages are " + Texts.join(index.stageNames);
        return suggestion != null ? suggestion + " (" + stages + ")" : stages;
    }
}
