package com.example.policy;

import io.kafkaops.model.Topic;
import io.kafkaops.policy.Policy;
import io.kafkaops.policy.PolicyContext;
import io.kafkaops.policy.PolicyParams;
import io.kafkaops.policy.Violation;
import java.util.ArrayList;
import java.util.List;

/** Every topic with cleanup.policy delete must say how long it keeps data. */
public class RetentionRequiredPolicy implements Policy {

    @Override
    public String id() {
        return "retentionRequired";
    }

    @Override
    public String description() {
        return "Topics that delete old data set retention.ms explicitly";
    }

    @Override
    public boolean enabledByDefault() {
        return true;
    }

    @Override
    public List<Violation> evaluate(PolicyContext context, PolicyParams params) {
        List<Violation> out = new ArrayList<>();
        for (Topic t : context.model().topics()) {
            String cleanup = t.config().getOrDefault("cleanup.policy", "delete");
            if (cleanup.contains("delete") && !t.config().containsKey("retention.ms")) {
                out.add(new Violation("topic '" + t.name() + "' deletes old data but does not set retention.ms",
                        t.origin().at("name"), "add config: { retention.ms: 7d } or whatever the data needs"));
            }
        }
        return out;
    }
}
