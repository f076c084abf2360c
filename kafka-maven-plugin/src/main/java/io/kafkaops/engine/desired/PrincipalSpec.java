package io.kafkaops.engine.desired;

/**
 * A service account as a plan creates or keeps it.
 *
 * @param credentials whether it has a SCRAM credential kept in the team's credential store
 */
public record PrincipalSpec(String description, boolean credentials) {

    public String canonical() {
        return "description=" + (description == null ? "" : description) + ";credentials=" + credentials;
    }
}
