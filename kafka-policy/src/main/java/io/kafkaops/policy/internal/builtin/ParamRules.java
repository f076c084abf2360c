package io.kafkaops.policy.internal.builtin;

import io.kafkaops.model.Suggestions;
import io.kafkaops.policy.PolicyConfigurationException;
import io.kafkaops.policy.PolicyParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Parameter checks the built-in policies share, so every policy explains a bad parameter the same way. */
final class ParamRules {

    private ParamRules() {
    }

    /** Rejects parameter names the policy does not know, so a typo ({@code patern}) does not silently do nothing. */
    static void onlyKnown(PolicyParams params, String... known) {
        onlyKnown(params.policyId(), "", params.asMap(), known);
    }

    static void onlyKnown(String policyId, String where, Map<String, ?> map, String... known) {
        List<String> knownList = List.of(known);
        for (String key : map.keySet()) {
            if (knownList.contains(key)) continue;
            String suggestion = Suggestions.didYouMean(key, knownList);
            String expected = knownList.isEmpty() ? "it takes no parameters" : "known: " + String.join(", ", knownList);
            throw new PolicyConfigurationException("policy " + policyId + ": unknown parameter '" + where + key + "' ("
                    + (suggestion != null ? suggestion + " " : "") + expected + ")");
        }
    }

    static Optional<Pattern> regex(PolicyParams params, String key) {
        Optional<String> re = params.string(key);
        if (re.isEmpty()) return Optional.empty();
        try {
            return Optional.of(Pattern.compile(re.get()));
        } catch (PatternSyntaxException e) {
            throw new PolicyConfigurationException("policy " + params.policyId() + ": parameter '" + key
                    + "' is not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex()
                    + " of '" + re.get() + "'");
        }
    }

    /** A list of plain values; a single scalar counts as a one-element list. */
    static List<String> strings(String policyId, String key, Object value) {
        if (value == null) return List.of();
        List<?> items = value instanceof List<?> l ? l : List.of(value);
        List<String> out = new ArrayList<>(items.size());
        for (Object o : items) {
            if (o == null || o instanceof Map<?, ?> || o instanceof List<?>) {
                throw new PolicyConfigurationException("policy " + policyId + ": parameter '" + key
                        + "' must be a list of names, not '" + value + "'");
            }
            out.add(String.valueOf(o).trim());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(String policyId, String key, Object value) {
        if (value == null) return Map.of();
        if (value instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw new PolicyConfigurationException("policy " + policyId + ": parameter '" + key + "' must be a map, not '"
                + value + "'");
    }

    /** A whole number of at least {@code min}, if given. */
    static Optional<Long> atLeast(String policyId, String key, Object value, long min) {
        if (value == null) return Optional.empty();
        long n;
        if (value instanceof Number num && num.doubleValue() == num.longValue()) {
            n = num.longValue();
        } else {
            try {
                n = Long.parseLong(String.valueOf(value).trim());
            } catch (NumberFormatException e) {
                throw new PolicyConfigurationException("policy " + policyId + ": parameter '" + key
                        + "' must be a whole number, not '" + value + "'");
            }
        }
        if (n < min) {
            throw new PolicyConfigurationException("policy " + policyId + ": parameter '" + key + "' must be at least "
                    + min + ", not " + n);
        }
        return Optional.of(n);
    }

    /** A stage named in parameters that the platform does not define is a configuration error, not a finding. */
    static void knownStages(String policyId, String key, Set<String> named, List<String> stages) {
        for (String s : named) {
            if (stages.contains(s)) continue;
            String suggestion = Suggestions.didYouMean(s, stages);
            throw new PolicyConfigurationException("policy " + policyId + ": parameter '" + key + "' names stage '" + s
                    + "', which the platform does not define (" + (suggestion != null ? suggestion + " " : "")
                    + "stages: " + String.join(", ", stages) + ")");
        }
    }
}
