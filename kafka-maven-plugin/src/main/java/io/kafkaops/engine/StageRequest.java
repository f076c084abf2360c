package io.kafkaops.engine;

import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.store.CredentialStore;
import io.kafkaops.model.EntityModel;
import java.util.Objects;

/**
 * What a plan, a deploy or a rotation works on: one repository's entities on one stage. Built with {@link #builder()}
 * so that no two strings can be swapped by position.
 *
 * @param model         the repository's validated entities
 * @param stage         the stage's name in the platform definition
 * @param repository    {@code groupId:artifactId}, the owner recorded on the cluster
 * @param team          the repository's team
 * @param connection    the admin connection to the stage's cluster
 * @param options       adopt, allowDestructive, timeout; the defaults when not given
 * @param store         the team's credential store for the stage: a deploy and a rotation need it; a plan uses it,
 *                      when given, to notice credentials missing from it
 * @param clusterChecks checks that need the cluster's ownership records; none when not given
 */
public record StageRequest(EntityModel model, String stage, String repository, String team,
                           ClusterConnection connection, EngineOptions options, CredentialStore store,
                           ClusterChecks clusterChecks) {

    public StageRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(connection, "connection");
        options = options == null ? EngineOptions.defaults() : options;
        clusterChecks = clusterChecks == null ? ClusterChecks.NONE : clusterChecks;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** This request with another credential store. */
    public StageRequest withStore(CredentialStore other) {
        return new StageRequest(model, stage, repository, team, connection, options, other, clusterChecks);
    }

    /** Collects a {@link StageRequest} by name. */
    public static final class Builder {
        private EntityModel model;
        private String stage;
        private String repository;
        private String team;
        private ClusterConnection connection;
        private EngineOptions options;
        private CredentialStore store;
        private ClusterChecks clusterChecks;

        private Builder() {
        }

        public Builder model(EntityModel value) {
            this.model = value;
            return this;
        }

        public Builder stage(String value) {
            this.stage = value;
            return this;
        }

        public Builder repository(String value) {
            this.repository = value;
            return this;
        }

        public Builder team(String value) {
            this.team = value;
            return this;
        }

        public Builder connection(ClusterConnection value) {
            this.connection = value;
            return this;
        }

        public Builder options(EngineOptions value) {
            this.options = value;
            return this;
        }

        public Builder store(CredentialStore value) {
            this.store = value;
            return this;
        }

        public Builder clusterChecks(ClusterChecks value) {
            this.clusterChecks = value;
            return this;
        }

        /** @throws NullPointerException when the model, stage, repository or connection is missing */
        public StageRequest build() {
            return new StageRequest(model, stage, repository, team, connection, options, store, clusterChecks);
        }
    }
}
