package io.kafkaops.engine.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** File chores of local Kafka nodes: owner-only directories and files, log tails, argument files, clean-up. */
final class BrokerFiles {

    private static final int LOG_TAIL_LINES = 40;

    private BrokerFiles() {
    }

    /** Creates a directory only its owner can enter, where the file system has POSIX permissions. */
    static void createOwnerOnlyDirectory(Path dir) throws IOException {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    /**
     * Creates a data directory owner-only, or checks that an existing one may be used: its owner deletes it at the
     * end, so it must never be a directory with other content.
     *
     * @param owner   {@code broker}, {@code cluster}: for messages
     * @param ownFile a file that marks a non-empty directory as the owner's own from an earlier run; null when only
     *                an empty directory will do
     */
    static void prepareDataDir(Path dir, String owner, Path ownFile) {
        try {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isPresent() && (ownFile == null || !Files.exists(ownFile))) {
                        throw new IllegalStateException("The " + owner + " data directory " + dir
                                + (ownFile == null ? " is not empty" : " is neither empty nor a " + owner + "'s")
                                + ": choose an empty or new directory");
                    }
                }
            } else {
                createOwnerOnlyDirectory(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the " + owner + " data directory " + dir, e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** Writes a file only its owner can read, where the file system has POSIX permissions. */
    static void writeSecret(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
                Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** The last lines of a log file with the secret replaced by {@code ***}; empty when there is none. */
    static String tail(Path file, String secret) {
        Deque<String> lines = new ArrayDeque<>();
        try (Stream<String> all = Files.lines(file, StandardCharsets.UTF_8)) {
            all.forEach(line -> {
                lines.addLast(line);
                if (lines.size() > LOG_TAIL_LINES) {
                    lines.removeFirst();
                }
            });
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException | UncheckedIOException e) {
            return "\n(" + file + " is unreadable: " + e.getMessage() + ")";
        }
        if (lines.isEmpty()) {
            return "";
        }
        return "\nLast lines of " + file + ":\n" + String.join("\n", lines).replace(secret, "***");
    }

    /** One quoted argument per line for a {@code java @file} argument file. */
    static String argFileText(List<String> args) {
        StringBuilder text = new StringBuilder();
        for (String arg : args) {
            text.append('"').append(arg.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
        }
        return text.toString();
    }

    /** Deletes a directory tree, best effort: a leftover temporary directory is not worth failing a build for. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(BrokerFiles::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }

    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort
        }
    }

    static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String randomSuffix() {
        return Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);
    }
}
