package io.kafkaops.engine;

import io.kafkaops.model.Diagnostic;
import io.kafkaops.policy.KnownTopic;
import java.util.List;
import java.util.Map;

/**
 * Checks that need the cluster's ownership records, run by a plan and a deploy on the state they read (a saved plan
 * included). Their problems go into the plan; an ERROR among them refuses a deploy before anything is changed. The
 * goals run the policies that look at other repositories' topics (topicVisibility) on the model they validated.
 */
@FunctionalInterface
public interface ClusterChecks {

    /** No checks. */
    ClusterChecks NONE = othersTopics -> List.of();

    /**
     * @param othersTopics the topics other repositories own on the stage, by logical name, as policies know them
     * @return further problems; empty when there are none
     */
    List<Diagnostic> check(Map<String, KnownTopic> othersTopics);
}
