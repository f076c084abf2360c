package io.kafkaops.engine.onboard;

import io.kafkaops.engine.ClusterIdentity;
import io.kafkaops.engine.EngineOptions;
import io.kafkaops.engine.PlatformNotFoundException;
import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.cluster.ClusterSession;
import io.kafkaops.engine.cluster.ClusterSessions;
import io.kafkaops.engine.cluster.TopicsOfInterest;
import io.kafkaops.engine.edit.EditRejectedException;
import io.kafkaops.engine.edit.EditResult;
import io.kafkaops.engine.edit.EntityEditor;
import io.kafkaops.engine.ownership.OwnershipRecord;
import io.kafkaops.engine.state.ClusterState;
import io.kafkaops.engine.state.ReadScope;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.Location;
import io.kafkaops.model.Plural;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.model.platform.Stage;
import io.kafkaops.model.platform.Team;
import io.kafkaops.model.platform.TeamPrefixes;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code kafka:import}: reads one stage's cluster with the plan's batched read (listTopics, one describeTopics and one
 * describeConfigs for the team's topics, describeAcls, describeUserScramCredentials, the ownership records), turns it
 * into the team's entities ({@link Importer}) and applies them to the files in memory through the {@link EntityEditor},
 * validated against the platform's policies. Writing is the caller's ({@link EntityEditor#write}).
 *
 * <p>By default an import is refused when the repository's files declare entities already: it is for onboarding, and
 * a user who has started declaring entities by hand expects none of them duplicated. {@code merge} adds only what the
 * files do not declare yet and never changes a declared entity.
 */
public final class Onboarding {

    /** The rule id of an import refused because the files declare entities already. */
    public static final String RULE_NOT_EMPTY = "importNotEmpty";

    private final PlatformDefinition platform;
    private final ClusterSessions sessions;

    public Onboarding(PlatformDefinition platform, ClusterSessions sessions) {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    /**
     * @param existing    the repository's validated entities
     * @param repository  {@code groupId:artifactId}: entities it owns on the cluster are imported, others' are not
     * @param credentials write {@code credentials: true} for the service accounts with a SCRAM user
     * @param merge       add to files that declare entities already (only what they do not declare)
     */
    public record Request(EntityEditor editor, EntityModel existing, Stage stage, Team team, String repository,
                          ClusterConnection connection, EngineOptions options, boolean credentials, boolean merge) {
    }

    /**
     * @param result          the files to write and the policies' problems with them (errors included)
     * @param imported        what was found and what was skipped
     * @param adminRoundTrips Admin calls the read needed; constant whatever the number of entities
     */
    public record Outcome(EditResult result, Importer.Result imported, int adminRoundTrips) {

        /** {@code Import from stage test: 4 topics, 2 service accounts, 2 grants, 1 raw ACL; skipped ...}. */
        public String summary(String stage) {
            var e = imported.edit();
            return "Import from stage " + stage + ": " + Plural.of(e.topics().size(), "topic") + ", "
                    + Plural.of(e.serviceAccounts().size(), "service account") + ", "
                    + Plural.of(e.grants().size(), "grant") + ", " + Plural.of(e.acls().size(), "raw ACL") + "; "
                    + imported.skipped().line();
        }
    }

    /**
     * @throws EditRejectedException the files declare entities already (without merge), they do not validate, or the
     *                               import would add an entity they declare
     * @throws ClusterException      the cluster cannot be reached or denies a read, or its id is not the one the
     *                               platform definition pins
     */
    public Outcome prepare(Request request)
            throws ClusterException, EditRejectedException, PlatformNotFoundException, IOException {
        Stage stage = request.stage();
        EntityModel existing = request.existing();
        if (!existing.isEmpty() && !request.merge()) {
            throw new EditRejectedException("The repository declares Kafka entities already ("
                    + Plural.of(existing.topics().size(), "topic") + ", "
                    + Plural.of(existing.serviceAccounts().size(), "service account") + ", "
                    + Plural.of(existing.grants().size(), "grant") + ", " + Plural.of(existing.acls().size(), "raw ACL")
                    + "); nothing was imported", List.of(Diagnostic.error(RULE_NOT_EMPTY, "an import writes the"
                            + " entity files of a repository that has none yet",
                    Location.ofFile(existing.files().isEmpty() ? "src/main/kafka" : existing.files().get(0)),
                    "run it with -Dkafka.import.merge=true to add only what the files do not declare yet; declared"
                            + " entities are never changed")));
        }
        ReadScope scope = ReadScope.of(platform, stage);
        Set<String> listed = new TreeSet<>();
        TeamTopics wanted = new TeamTopics(scope, stage.prefix(), request.team().prefixes().topics(), listed);
        ClusterState state;
        int roundTrips;
        try (ClusterSession session = sessions.open(request.connection(), request.options())) {
            // a pinned cluster id refuses another cluster before anything is read (issue 13)
            ClusterIdentity.verify(session, platform.clusters().get(stage.cluster()), stage,
                    request.connection().bootstrapServers(), platform.source());
            state = session.read(scope, wanted);
            roundTrips = session.roundTrips();
        }
        Importer.Result imported = Importer.read(new Importer.Input(state, listed, scope, stage, request.team(),
                request.repository(), existing, request.credentials()));
        EditResult result = imported.edit().isEmpty() ? new EditResult(List.of(), List.of(), List.of())
                : request.editor().prepareImport(imported.edit());
        return new Outcome(result, imported, roundTrips);
    }

    /** Every topic of the stage in the team's topic prefixes; remembers every name the cluster listed. */
    private record TeamTopics(ReadScope scope, String stagePrefix, List<String> teamPrefixes, Set<String> listed)
            implements TopicsOfInterest {

        @Override
        public Set<String> select(Map<String, OwnershipRecord> owners) {
            return Set.of();
        }

        @Override
        public boolean byName() {
            return true;
        }

        @Override
        public Set<String> select(Map<String, OwnershipRecord> owners, Set<String> existing) {
            listed.addAll(existing);
            return existing.stream().filter(scope::containsTopic)
                    .filter(n -> TeamPrefixes.owns(teamPrefixes, n.substring(stagePrefix.length())))
                    .collect(Collectors.toSet());
        }
    }
}
