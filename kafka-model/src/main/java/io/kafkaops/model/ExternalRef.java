package io.kafkaops.model;

/** A topic or service account the repo uses but another repo owns, declared under {@code external:}. */
public record ExternalRef(String name, Location location) {
}
