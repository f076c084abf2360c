package io.kafkaops.policy;

import io.kafkaops.model.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A policy's parameters as written in the platform definition, with typed accessors that explain bad values. */
public final class PolicyParams {

    private final String policyId;
    private final Map<String, Object> values;

    public PolicyParams(String policyId, Map<String, Object> values) {
        this.policyId = policyId;
        this.values = values == null ? Map.of() : Map.copyOf(values);
    }

    public static PolicyParams empty(String policyId) {
        return new PolicyParams(policyId, Map.of());
    }

    /** The id of the policy these parameters belong to, for messages. */
    public String policyId() {
        return policyId;
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Object raw(String key) {
        return values.get(key);
    }

    public Optional<String> string(String key) {
        Object v = values.get(key);
        return v == null ? Optional.empty() : Optional.of(String.valueOf(v));
    }

    public String requiredString(String key) {
        return string(key).orElseThrow(() -> missing(key));
    }

    public Optional<Long> number(String key) {
        Object v = values.get(key);
        if (v == null) return Optional.empty();
        if (v instanceof Number n) return Optional.of(n.longValue());
        try {
            return Optional.of(Long.parseLong(String.valueOf(v).trim()));
        } catch (NumberFormatException e) {
            throw bad(key, "a whole number", v);
        }
    }

    public Optional<Boolean> bool(String key) {
        Object v = values.get(key);
        if (v == null) return Optional.empty();
        if (v instanceof Boolean b) return Optional.of(b);
        String s = String.valueOf(v).trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) return Optional.of(Boolean.parseBoolean(s));
        throw bad(key, "true or false", v);
    }

    public List<String> stringList(String key) {
        Object v = values.get(key);
        if (v == null) return List.of();
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            for (Object o : l) out.add(String.valueOf(o));
            return out;
        }
        return List.of(String.valueOf(v));
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String key) {
        Object v = values.get(key);
        if (v == null) return Map.of();
        if (v instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw bad(key, "a map", v);
    }

    /** Milliseconds from a value like {@code 7d} or a plain number. */
    public static long durationMs(String policyId, String key, Object value) {
        try {
            return Units.parseDurationMs(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new PolicyConfigurationException("policy " + policyId + ": parameter " + key + ": " + e.getMessage());
        }
    }

    /** Bytes from a value like {@code 1GiB} or a plain number. */
    public static long bytes(String policyId, String key, Object value) {
        try {
            return Units.parseBytes(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new PolicyConfigurationException("policy " + policyId + ": parameter " + key + ": " + e.getMessage());
        }
    }

    public PolicyConfigurationException missing(String key) {
        return new PolicyConfigurationException("policy " + policyId + " needs the parameter '" + key + "'");
    }

    public PolicyConfigurationException bad(String key, String expected, Object actual) {
        return new PolicyConfigurationException(
                "policy " + policyId + ": parameter '" + key + "' must be " + expected + ", not '" + actual + "'");
    }

    @Override
    public String toString() {
        return policyId + values;
    }
}
