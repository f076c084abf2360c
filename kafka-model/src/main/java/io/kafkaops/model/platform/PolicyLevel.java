package io.kafkaops.model.platform;

import io.kafkaops.model.Severity;

/** The level a policy runs at: its findings become errors, warnings, or the policy does not run. */
public enum PolicyLevel {
    ERROR,
    WARN,
    OFF;

    public Severity severity() {
        return this == WARN ? Severity.WARN : Severity.ERROR;
    }
}
