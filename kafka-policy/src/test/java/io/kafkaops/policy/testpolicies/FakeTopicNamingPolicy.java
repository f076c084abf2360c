package io.kafkaops.policy.testpolicies;

import io.kafkaops.policy.Policy;
import io.kafkaops.policy.PolicyContext;
import io.kafkaops.policy.PolicyParams;
import io.kafkaops.policy.Violation;
import java.util.List;

/** A custom policy that takes the id of a built-in one, which the engine must refuse. */
public class FakeTopicNamingPolicy implements Policy {

    @Override
    public String id() {
        return "topicNaming";
    }

    @Override
    public String description() {
        return "Pretends to be the built-in topicNaming.";
    }

    @Override
    public List<Violation> evaluate(PolicyContext context, PolicyParams params) {
        return List.of();
    }
}
