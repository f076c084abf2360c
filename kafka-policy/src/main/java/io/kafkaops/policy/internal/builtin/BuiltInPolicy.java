package io.kafkaops.policy.internal.builtin;

import io.kafkaops.policy.Policy;
import io.kafkaops.policy.PolicyContext;
import io.kafkaops.policy.PolicyParams;
import io.kafkaops.policy.Violation;
import java.util.List;

/**
 * What every built-in policy shares: its id, description and default, a {@code toString()} that names its
 * parameters, and parameters read (so checked) by the same {@link #config} before each evaluation as at
 * {@link #checkParams}.
 *
 * @param <C> the parameters as {@link #config} reads them
 */
abstract class BuiltInPolicy<C> implements Policy {

    private final String id;
    private final boolean enabledByDefault;
    private final String parameters;
    private final String description;

    /**
     * @param parameters what {@code toString()} says about the parameters ({@code pattern, hint})
     */
    BuiltInPolicy(String id, boolean enabledByDefault, String parameters, String description) {
        this.id = id;
        this.enabledByDefault = enabledByDefault;
        this.parameters = parameters;
        this.description = description;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final boolean enabledByDefault() {
        return enabledByDefault;
    }

    /**
     * The parameters, read and checked.
     *
     * @throws io.kafkaops.policy.PolicyConfigurationException when a parameter is unknown, missing or malformed
     */
    abstract C config(PolicyParams params);

    /** Everything wrong with the desired state, given parameters {@link #config} accepted. */
    abstract List<Violation> violations(PolicyContext context, C config);

    @Override
    public final void checkParams(PolicyParams params) {
        config(params);
    }

    @Override
    public final List<Violation> evaluate(PolicyContext context, PolicyParams params) {
        return violations(context, config(params));
    }

    @Override
    public final String toString() {
        return id + "(" + parameters + "; " + (enabledByDefault ? "on" : "off") + " by default)";
    }
}
