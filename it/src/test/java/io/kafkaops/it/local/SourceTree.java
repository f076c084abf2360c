package io.kafkaops.it.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/** Copies of this repository's sources, as a fresh checkout has them: no build output, no Git metadata. */
final class SourceTree {

    private static final Set<String> SKIPPED = Set.of("target", ".git", ".idea");

    private SourceTree() {
    }

    /** The root of this repository (the parent of {@code examples/}). */
    static Path root() {
        return Path.of(System.getProperty("it.examples")).toAbsolutePath().normalize().getParent();
    }

    /**
     * Replaces {@code to} with a copy of {@code from} without build output, and marks it as a project root (an empty
     * {@code .mvn}) so Maven never reads a configuration further up.
     */
    static Path copy(Path from, Path to) {
        try {
            deleteRecursively(to);
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(from) && SKIPPED.contains(dir.getFileName().toString())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, to.resolve(from.relativize(file).toString()));
                    return FileVisitResult.CONTINUE;
                }
            });
            Files.createDirectories(to.resolve(".mvn"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + from + " to " + to, e);
        }
        return to;
    }

    /** The example service repository and the example platform it points at ({@code ../platform}). */
    static Path copyExamples(Path workDir) {
        Path examples = copy(root().resolve("examples"), workDir.resolve("examples"));
        return examples.resolve("billing-service");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
