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
 *                    the entity (see the deploy order in the site page
 *                    {@code kafka-maven-plugin/src/site/markdown/concepts/plan-and-deploy-safety.md})
 * @param appliedAt   ISO-8601 instant the record was written
 * @param visibility  for topics: {@code private}, {@code protected} or {@code public}
 * @param sharedWith  for protected topics: the teams allowed to consume
 * @param protectedEntity for topics: never deleted by a deploy
 * @param accountId   for principals on Confluent Cloud: the service account's id ({@code sa-...}); null elsewhere, and
 *                    then left out of the JSON and of {@link #canonical()}, so records of Apache Kafka clusters are
 *                    the same as before it existed
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
        @JsonProperty("protected") boolean protectedEntity,
        String accountId) {

    public OwnershipRecord {
        // a stage's records are read by the ten thousand, each with its own copy of these few values: one copy each
        repository = shared(repository);
        team = shared(team);
        stage = shared(stage);
        kind = shared(kind);
        visibility = shared(visibility);
        sharedWith = sharedWith == null ? List.of() : List.copyOf(sharedWith);
    }

    private static String shared(String value) {
        return value == null ? null : value.intern();
    }

    /** A record without an account id: every record but those of Confluent Cloud service accounts. */
    public OwnershipRecord(String repository, String team, String stage, String kind, String name, String logicalName,
                           String specHash, String appliedAt, String visibility, List<String> sharedWith,
                           boolean protectedEntity) {
        this(repository, team, stage, kind, name, logicalName, specHash, appliedAt, visibility, sharedWith,
                protectedEntity, null);
    }

    /** Whether the record only claims the entity: a deploy was about to create it and had not confirmed it yet. */
    public boolean claimOnly() {
        return specHash == null;
    }

    public String canonical() {
        return "repository=" + repository + ";team=" + team + ";stage=" + stage + ";kind=" + kind + ";name=" + name
                + ";logicalName=" + logicalName + ";specHash=" + specHash + ";appliedAt=" + appliedAt + ";visibility="
                + visibility + ";sharedWith=" + sharedWith + ";protected=" + protectedEntity
                + (accountId == null ? "" : ";accountId=" + accountId);
    }
}
