package io.kafkaops.policy;

/** A policy's parameters in the platform definition are missing or malformed. */
public class PolicyConfigurationException extends RuntimeException {
    public PolicyConfigurationException(String message) {
        super(message);
    }
}
