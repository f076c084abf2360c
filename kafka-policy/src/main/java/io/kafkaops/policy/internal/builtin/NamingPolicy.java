package io.kafkaops.policy.internal.builtin;

import io.kafkaops.model.Origin;
import io.kafkaops.policy.PolicyContext;
import io.kafkaops.policy.PolicyParams;
import io.kafkaops.policy.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** A regular expression every logical name of one kind of entity must match as a whole. */
abstract class NamingPolicy extends BuiltInPolicy<NamingPolicy.Config> {

    record Config(Pattern pattern, Optional<String> hint) {
        @Override
        public String toString() {
            return "pattern=" + pattern.pattern() + hint.map(h -> ", hint=" + h).orElse("");
        }
    }

    /** A named entity and where it was declared. */
    record Named(String name, Origin origin) {
    }

    NamingPolicy(String id, String description) {
        super(id, false, "pattern, hint", description);
    }

    /** {@code topic}, {@code service account}. */
    abstract String kind();

    abstract List<Named> entities(PolicyContext context);

    @Override
    Config config(PolicyParams params) {
        ParamRules.onlyKnown(params, "pattern", "hint");
        Pattern pattern = ParamRules.regex(params, "pattern").orElseThrow(() -> params.missing("pattern"));
        return new Config(pattern, params.string("hint"));
    }

    @Override
    List<Violation> violations(PolicyContext context, Config config) {
        List<Violation> out = new ArrayList<>();
        for (Named e : entities(context)) {
            if (e.name() == null || config.pattern().matcher(e.name()).matches()) continue;
            out.add(new Violation(
                    kind() + " name '" + e.name() + "' does not match the naming pattern " + config.pattern().pattern(),
                    e.origin().at("name"),
                    config.hint().orElse("rename the " + kind() + " so that its whole logical name (without stage "
                            + "prefix) matches the pattern")));
        }
        return out;
    }
}
