package io.kafkaops.policy.internal.builtin;

import io.kafkaops.policy.PolicyContext;
import io.kafkaops.policy.PolicyParams;
import io.kafkaops.policy.Violation;
import java.util.List;

/** A structural check: it takes no parameters (rejecting any given) and runs unless the platform turns it off. */
abstract class ParameterlessPolicy extends BuiltInPolicy<Void> {

    ParameterlessPolicy(String id, String description) {
        super(id, true, "no parameters", description);
    }

    @Override
    final Void config(PolicyParams params) {
        ParamRules.onlyKnown(params);
        return null;
    }

    @Override
    final List<Violation> violations(PolicyContext context, Void noParameters) {
        return violations(context);
    }

    abstract List<Violation> violations(PolicyContext context);
}
