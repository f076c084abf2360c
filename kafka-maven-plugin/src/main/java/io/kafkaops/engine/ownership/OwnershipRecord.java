package io.kafkaops.engine.ownership;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Who owns one entity on a cluster: the value of its record in the ownership topic ({@link Ownership#TOPIC}), keyed
 * by {@link Ownership#key}.
 *
 * @param kind        {@code topic}, {@code principal} or {@code acl}
 * @param name        physical name (for ACLs the binding key)
 * @param specHash    hash of the spec last applied; null while the record is only a claim written before creating
 *                    the entity (see the deploy order in {@code docs/plan-deploy.md})
 * @param appliedAt   ISO-8601 instant the record was written
 * @param visibility  for topics: {@code private}, {@code protected} or {@code public}
 * @param sharedWith  for protected topics: the teams allowed to consume
 * @param protectedEntity for topics: never deleted by a deploy
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OwnershipRecord(
        String repository,
        String team,
        String stage,
        String kind,
        String name,
        String logicalName,
        String specHash,
        String appliedAt,
        String visibility,
        List<String> sharedWith,
        @JsonProperty("protected") boolean protectedEntity) {

    public OwnershipRecord {
        sharedWith = sharedWith == null ? List.of() : List.copyOf(sharedWith);
    }

    /** Whether the record only claims the entity: a deploy was about to create it and had not confirmed it yet. */
    public boolean claimOnly() {
        return specHash == null;
    }

    public String canonical() {
        return "repository=" + repository + ";team=" + team + ";stage=" + stage + ";kind=" + kind + ";name=" + name
                + ";logicalName=" + logicalName + ";specHash=" + specHash + ";appliedAt=" + appliedAt + ";visibility="
                + visibility + ";sharedWith=" + sharedWith + ";protected=" + protectedEntity;
    }
}
