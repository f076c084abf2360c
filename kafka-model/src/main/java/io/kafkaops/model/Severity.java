package io.kafkaops.model;

/** How bad a diagnostic is. Policies are configured with a level that becomes the severity of what they report. */
public enum Severity {
    ERROR,
    WARN,
    INFO
}
