package io.kafkaops.engine.validate;

import io.kafkaops.engine.ClusterChecks;
import io.kafkaops.engine.PlatformNotFoundException;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.LoadResult;
import io.kafkaops.model.Location;
import io.kafkaops.model.Severity;
import io.kafkaops.model.load.EntityLoader;
import io.kafkaops.model.load.LoadRules;
import io.kafkaops.model.load.PlatformLoader;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.model.platform.Team;
import io.kafkaops.policy.KnownTopic;
import io.kafkaops.policy.PolicyContext;
import io.kafkaops.policy.internal.PolicyEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Offline validation of one repo: loads the platform definition and the entity files, works out the repo's team and
 * runs every policy. Used by {@code kafka:validate} and as the first step of plan and deploy.
 */
public final class Validator {

    /** Where the platform definition is looked for when none is configured. */
    public static final String DEFAULT_PLATFORM = "classpath:kafka-platform.yaml";

    private Validator() {
    }

    /**
     * @param platform   {@code classpath:<resource>} or a path (relative to the project base dir)
     * @param team       the team given as a parameter, or null to take it from the platform definition
     * @param classLoader the plugin's class loader: classpath platform definitions and custom policies come from it
     */
    public record Request(Path projectBaseDir, Path kafkaDir, String groupId, String artifactId, String platform,
                          String team, ClassLoader classLoader) {
        public String repository() {
            return groupId + ":" + artifactId;
        }
    }

    /**
     * @param team            the repo's team, when one could be determined
     * @param platformMissing true when no platform definition was configured or found at the default place
     */
    public record Report(EntityModel model, PlatformDefinition platform, Optional<Team> team,
                         List<Diagnostic> diagnostics, boolean kafkaDirMissing, boolean platformMissing) {

        public long count(Severity s) {
            return diagnostics.stream().filter(d -> d.severity() == s).count();
        }

        public boolean hasErrors() {
            return count(Severity.ERROR) > 0;
        }
    }

    public static Report validate(Request request) throws PlatformNotFoundException {
        return validate(request, null, Map.of());
    }

    /**
     * Validation at plan time, with what the stage's cluster tells about other repositories' topics.
     *
     * @param stage       the stage planned; null offline
     * @param knownTopics every topic other repos own on the stage, read from the cluster's ownership records
     */
    public static Report validate(Request request, String stage, Map<String, KnownTopic> knownTopics)
            throws PlatformNotFoundException {
        List<Diagnostic> diagnostics = new ArrayList<>();

        PlatformLoad pl = loadPlatform(request);
        diagnostics.addAll(pl.result.diagnostics());
        PlatformDefinition platform = pl.result.value() != null ? pl.result.value() : emptyPlatform(pl.source);

        boolean dirMissing = !Files.isDirectory(request.kafkaDir());
        EntityModel model = EntityModel.empty();
        if (dirMissing && Files.exists(request.kafkaDir())) {
            diagnostics.add(Diagnostic.error(LoadRules.IO, "is a file, not a directory",
                    new Location(relative(request.projectBaseDir(), request.kafkaDir()), 1, 1),
                    "the Kafka entity files belong in a directory (kafka.directory); move the file into one"));
        }
        if (!dirMissing) {
            LoadResult<EntityModel> loaded = EntityLoader.load(request.projectBaseDir(), request.kafkaDir());
            diagnostics.addAll(loaded.diagnostics());
            if (loaded.value() != null) model = loaded.value();
        }

        Optional<Team> team = resolveTeam(request, platform, model, pl.missing, diagnostics);

        // Policies only run on a platform definition that loaded cleanly: on a broken one they would report noise.
        if (!pl.result.hasErrors()) {
            PolicyContext ctx = new PolicyContext(model, platform, team, request.repository(), knownTopics,
                    stage);
            diagnostics.addAll(PolicyEngine.evaluate(ctx, request.classLoader()));
        }
        diagnostics.sort(Diagnostic.ORDER);
        return new Report(model, platform, team, List.copyOf(diagnostics), dirMissing, pl.missing);
    }

    /**
     * The checks that need the cluster, for a plan or a deploy after {@link #validate(Request)}: the policies that read
     * what the stage's cluster tells ({@link PolicyEngine#needsCluster}: topicVisibility and custom policies) run
     * again with the topics other repositories own there, on the model, platform and team the report holds. No file is
     * read again and the other policies do not run again: the same problems as
     * {@link #validate(Request, String, Map)} finds beyond the report, without its cost. Returns only problems the
     * report does not have already.
     *
     * @param offline the report {@link #validate(Request)} returned for the request
     * @param stage   the stage planned
     */
    public static ClusterChecks clusterChecks(Request request, Report offline, String stage) {
        return known -> {
            // a report with errors never gets as far as a cluster; on a broken platform no policy runs
            if (offline.hasErrors()) return List.of();
            PolicyContext ctx = new PolicyContext(offline.model(), offline.platform(), offline.team(),
                    request.repository(), known, stage);
            return PolicyEngine.evaluateClusterPolicies(ctx, request.classLoader()).stream()
                    .filter(d -> !offline.diagnostics().contains(d)).toList();
        };
    }

    private record PlatformLoad(LoadResult<PlatformDefinition> result, String source, boolean missing) {
    }

    private static PlatformLoad loadPlatform(Request request) throws PlatformNotFoundException {
        String location = request.platform() == null || request.platform().isBlank()
                ? DEFAULT_PLATFORM : request.platform().trim();
        boolean isDefault = location.equals(DEFAULT_PLATFORM);
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length());
            while (resource.startsWith("/")) resource = resource.substring(1);
            if (request.classLoader().getResource(resource) == null) {
                if (isDefault) {
                    return new PlatformLoad(new LoadResult<>(emptyPlatform(location), List.of()), location, true);
                }
                throw new PlatformNotFoundException("The platform definition " + location
                        + " is not on the plugin's classpath",
                        "add the artifact that contains it as a <dependency> of kafka-maven-plugin in the POM,"
                                + " or set kafka.platform to a file path");
            }
            return new PlatformLoad(PlatformLoader.loadClasspath(resource, request.classLoader()), location, false);
        }
        Path path = request.projectBaseDir().resolve(location).normalize();
        if (!Files.isRegularFile(path)) {
            throw new PlatformNotFoundException("The platform definition " + path
                    + (Files.isDirectory(path) ? " is a directory, not a file" : " does not exist"),
                    "check kafka.platform (a path relative to the project, or classpath:<resource>)");
        }
        return new PlatformLoad(PlatformLoader.load(path, location), location, false);
    }

    private static String relative(Path base, Path path) {
        Path b = base.toAbsolutePath().normalize();
        Path p = path.toAbsolutePath().normalize();
        return (p.startsWith(b) ? b.relativize(p) : p).toString().replace('\\', '/');
    }

    static PlatformDefinition emptyPlatform(String source) {
        return new PlatformDefinition(List.of(), Map.of(), List.of(), List.of(), 3, 3, source);
    }

    private static Optional<Team> resolveTeam(Request request, PlatformDefinition platform, EntityModel model,
                                              boolean platformMissing, List<Diagnostic> out) {
        Location where = new Location("pom.xml", 1, 1);
        if (request.team() != null && !request.team().isBlank()) {
            String name = request.team().trim();
            Optional<Team> team = platform.team(name);
            if (team.isEmpty()) {
                if (!platformMissing) {
                    out.add(Diagnostic.error("team", "Team '" + name + "' (kafka.team) is not in the platform definition "
                                    + platform.source(),
                            where, "use one of " + platform.teams().stream().map(Team::name).toList()));
                }
                return Optional.empty();
            }
            List<Team> byRepo = platform.teamsOwningRepository(request.groupId(), request.artifactId());
            if (!byRepo.isEmpty() && byRepo.stream().noneMatch(t -> t.name().equals(name))) {
                out.add(Diagnostic.error("team", "Repository " + request.repository() + " belongs to team '"
                                + byRepo.get(0).name() + "' in the platform definition, not '" + name + "'",
                        where, "remove kafka.team or ask the platform team to move the repository"));
            }
            return team;
        }
        List<Team> byRepo = platform.teamsOwningRepository(request.groupId(), request.artifactId());
        if (byRepo.size() == 1) return Optional.of(byRepo.get(0));
        if (byRepo.size() > 1) {
            out.add(Diagnostic.error("team", "Repository " + request.repository() + " matches the repositories of several"
                            + " teams: " + byRepo.stream().map(Team::name).toList(),
                    where, "set -Dkafka.team=<team> or make the platform definition's repository patterns disjoint"));
            return Optional.empty();
        }
        if (!platform.teams().isEmpty() && !model.isEmpty()) {
            out.add(Diagnostic.error("team", "Repository " + request.repository()
                            + " belongs to no team in the platform definition " + platform.source(),
                    where, "ask the platform team to add it to a team's repositories, or set -Dkafka.team=<team>"));
        }
        return Optional.empty();
    }
}
