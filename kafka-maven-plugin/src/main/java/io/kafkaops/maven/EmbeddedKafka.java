package io.kafkaops.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyFilter;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * The Kafka server jars an embedded stage's broker runs from. They are not dependencies of the plugin, so a build that
 * never uses an embedded stage never downloads them; the first embedded stage resolves them through Maven like any
 * dependency (local repository first, then the project's repositories) and hands them to the broker's own JVM.
 */
final class EmbeddedKafka {

    private static final String VERSIONS = "/io/kafkaops/maven/embedded-kafka.properties";
    private static final Set<String> RUNTIME_SCOPES = Set.of("", "compile", "runtime");

    private EmbeddedKafka() {
    }

    /** The Kafka version this plugin was built and tested with, which the embedded broker runs. */
    static String kafkaVersion() {
        return versions().getProperty("kafka.version");
    }

    /** {@code org.apache.kafka:kafka_2.13:<version>}, for messages. */
    static String coordinates() {
        return "org.apache.kafka:kafka_2.13:" + kafkaVersion();
    }

    /**
     * Resolves Kafka's server jars with their runtime dependencies, plus an SLF4J 2 provider for the broker's log
     * file (Kafka itself asks for SLF4J 1.7, whose API finds no SLF4J 2 provider: the API is pinned to 2.x here).
     *
     * @throws DependencyResolutionException when they are neither in the local repository nor downloadable
     */
    static List<Path> resolveClasspath(RepositorySystem system, RepositorySystemSession session,
                                       List<RemoteRepository> repositories) throws DependencyResolutionException {
        Properties v = versions();
        CollectRequest collect = new CollectRequest();
        collect.addDependency(new Dependency(new DefaultArtifact(coordinates()), "runtime"));
        collect.addDependency(new Dependency(
                new DefaultArtifact("org.slf4j:slf4j-api:" + v.getProperty("slf4j.version")), "runtime"));
        collect.addDependency(new Dependency(
                new DefaultArtifact("org.slf4j:slf4j-simple:" + v.getProperty("slf4j.version")), "runtime"));
        collect.setRepositories(repositories);
        DependencyFilter runtime = (node, parents) -> node.getDependency() == null
                || RUNTIME_SCOPES.contains(node.getDependency().getScope());
        List<Path> jars = new ArrayList<>();
        for (ArtifactResult r : system.resolveDependencies(session, new DependencyRequest(collect, runtime))
                .getArtifactResults()) {
            Artifact a = r.getArtifact();
            if (a != null && a.getFile() != null && a.getFile().getName().endsWith(".jar")) {
                jars.add(a.getFile().toPath());
            }
        }
        return jars;
    }

    private static Properties versions() {
        Properties p = new Properties();
        try (InputStream in = EmbeddedKafka.class.getResourceAsStream(VERSIONS)) {
            if (in == null) throw new IllegalStateException("The plugin jar lacks " + VERSIONS);
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + VERSIONS + " from the plugin jar", e);
        }
        return p;
    }
}
