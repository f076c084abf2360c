package io.kafkaops.policy;

import io.kafkaops.model.Location;

/** One finding of a policy: what is wrong, where, and what to do about it (may be null). */
public record Violation(String message, Location location, String hint) {
}
