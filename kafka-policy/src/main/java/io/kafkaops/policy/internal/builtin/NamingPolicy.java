package io.kafkaops.policy.internal.builtin;

import io.kafkaops.model.Origin;
import io.kafkaops.policy.Policy;
import io.kafkaops.policy.PolicyContext;
import io.kafkaops.policy.PolicyParams;
import io.kafkaops.policy.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** A regular expression every logical name of one kind of entity must match as a whole. */
abstract class NamingPolicy implements Policy {

    record Config(Pattern pattern, Optional<String> hint) {
        @Override
        public String toString() {
            return "pattern=" + pattern.pattern() + hint.map(h -> ", hint=" + h).orElse("");
        }
    }

    /** A named entity and where it was declared. */
    record Named(String name, Origin origin) {
    }

    /** {@code topic}, {@code service account}. */
    abstract String kind();

    abstract List<Named> entities(PolicyContext context);

    Config config(PolicyParams params) {
        ParamRules.onlyKnown(params, "pattern", "hint");
        Pattern pattern = ParamRules.regex(params, "pattern").orElseThrow(() -> params.missing("pattern"));
        return new Config(pattern, params.string("hint"));
    }

    @Override
    public void checkParams(PolicyParams params) {
        config(params);
    }

    @Override
    public List<Violation> evaluate(PolicyContext context, PolicyParams params) {
        Config config = config(params);
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

    @Override
    public String toString() {
        return id() + "(pattern, hint; off by default)";
    }
}
