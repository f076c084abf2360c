package io.kafkaops.policy.testpolicies;

import io.kafkaops.policy.Policy;
import io.kafkaops.policy.PolicyContext;
import io.kafkaops.policy.PolicyParams;
import io.kafkaops.policy.Violation;
import java.util.List;

/** A buggy custom policy: it dereferences something that is not there. */
public class ExplodingPolicy implements Policy {

    @Override
    public String id() {
        return "exploding";
    }

    @Override
    public String description() {
        return "Always fails.";
    }

    @Override
    public boolean enabledByDefault() {
        return true;
    }

    @Override
    public List<Violation> evaluate(PolicyContext context, PolicyParams params) {
        String missing = params.string("missing").orElse(null);
        return List.of(new Violation(missing.trim(), null, null));
    }
}
