package io.kafkaops.policy;

import io.kafkaops.model.Diagnostic;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A policy's parameters in the platform definition are missing or malformed, or the policy set itself is broken
 * (unknown rule, two policies with one id). Thrown by {@link Policy#checkParams} for one problem, and by
 * the policy engine ({@code io.kafkaops.policy.internal.PolicyEngine}) with every problem it found at once, each as a diagnostic pointing into the platform
 * definition.
 */
public class PolicyConfigurationException extends RuntimeException {

    /** Rule id of the diagnostics this exception carries. */
    public static final String RULE_ID = "policyConfig";

    private final transient List<Diagnostic> problems;

    public PolicyConfigurationException(String message) {
        super(message);
        this.problems = List.of();
    }

    /** Every problem found, each with its place in the platform definition; the message lists them all. */
    public PolicyConfigurationException(List<Diagnostic> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems one by one; empty when thrown by a single policy with just a message. */
    public List<Diagnostic> problems() {
        return problems;
    }

    private static String summary(List<Diagnostic> problems) {
        String head = problems.size() == 1
                ? "The platform definition configures its policies wrongly:"
                : "The platform definition configures its policies wrongly (" + problems.size() + " problems):";
        return head + problems.stream().map(d -> "\n  " + d.format()).collect(Collectors.joining());
    }
}
