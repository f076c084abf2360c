package io.kafkaops.policy.testpolicies;

import io.kafkaops.model.Topic;
import io.kafkaops.policy.Policy;
import io.kafkaops.policy.PolicyContext;
import io.kafkaops.policy.PolicyParams;
import io.kafkaops.policy.Violation;
import java.util.ArrayList;
import java.util.List;

/** A custom policy as a platform team would write one, found through META-INF/services in the test resources. */
public class NoFooTopicsPolicy implements Policy {

    @Override
    public String id() {
        return "noFooTopics";
    }

    @Override
    public String description() {
        return "No topic name contains 'foo'.";
    }

    @Override
    public boolean enabledByDefault() {
        return true;
    }

    @Override
    public List<Violation> evaluate(PolicyContext context, PolicyParams params) {
        List<Violation> out = new ArrayList<>();
        for (Topic t : context.model().topics()) {
            if (t.name().contains("foo")) {
                out.add(new Violation("topic '" + t.name() + "' contains foo", t.origin().at("name"), "name it well"));
            }
        }
        return out;
    }
}
