package io.kafkaops.engine.debug;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The {@code local} placement: the session's client settings in {@code <kafka dir>/<stage>/debug/<id>.properties}
 * (by default {@code target/kafka/...}), readable and writable by its owner only (POSIX 600), deleted at the end of
 * the session. Created with those permissions, so the secret is never readable by others, not even for a moment.
 */
public final class LocalPlacement implements SessionPlacement {

    public static final String KIND = "local";
    /** The placement detail naming the file. */
    public static final String FILE = "file";

    private final Path kafkaDir;

    /** @param kafkaDir the build's Kafka output directory, {@code target/kafka} */
    public LocalPlacement(Path kafkaDir) {
        this.kafkaDir = kafkaDir.toAbsolutePath().normalize();
    }

    /** Where the sessions of a stage keep their files. */
    public static Path directory(Path kafkaDir, String stage) {
        return kafkaDir.resolve(stage).resolve("debug");
    }

    /** The client properties file of a session. */
    public Path file(DebugSession session) {
        if (!DebugSession.isId(session.id())) {
            throw new IllegalArgumentException("Not a debug session id: " + session.id());
        }
        return directory(kafkaDir, session.stage()).resolve(session.id() + ".properties");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, String> place(DebugSession session, Map<String, String> clientSettings) {
        Path file = file(session);
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, properties(session, clientSettings), StandardCharsets.UTF_8);
        } catch (IOException e) {
            // the message names the file only: the exception never carries the settings
            throw new UncheckedIOException("Cannot write the session file " + file, e);
        }
        return Map.of(FILE, file.toString());
    }

    @Override
    public String howToUse(DebugSession session) {
        Path file = file(session);
        return "Client settings in " + file + " (readable by you only; deleted when the session ends at "
                + session.expiry() + "). Use them with: mvn kafka:consume -Dkafka.stage=" + session.stage()
                + " -Dkafka.session=" + session.id() + " -Dkafka.topic=<topic>, or kafka-console-consumer.sh"
                + " --bootstrap-server <server> --consumer.config " + file + " --topic <topic>";
    }

    @Override
    public void remove(DebugSession session) {
        // the recorded file may be from another working copy; only the one under this build's directory is removed,
        // so a sweep never deletes a file of another machine's path
        Path file = file(session);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the session file " + file, e);
        }
    }

    /**
     * Deletes the session files of a stage whose sessions are no longer open: a session ended by another
     * repository's sweep while this working copy's process was gone leaves its file here, and only this working copy
     * can delete it.
     *
     * @return the files deleted
     */
    public List<Path> prune(String stage, Set<String> openIds) {
        Path dir = directory(kafkaDir, stage);
        List<Path> deleted = new ArrayList<>();
        if (!Files.isDirectory(dir)) return deleted;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".properties")) continue;
                String id = name.substring(0, name.length() - ".properties".length());
                if (DebugSession.isId(id) && !openIds.contains(id) && Files.deleteIfExists(f)) deleted.add(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean up the session files in " + dir, e);
        }
        return deleted;
    }

    /** The properties file text: one {@code key=value} line each, escaped the way {@link java.util.Properties} reads. */
    public static String properties(DebugSession session, Map<String, String> clientSettings) {
        StringBuilder text = new StringBuilder();
        text.append("# kafka debug session ").append(session.id()).append(" on stage ").append(session.stage())
                .append(" as ").append(session.account()).append(", ends ").append(session.expiry()).append('\n');
        for (Map.Entry<String, String> e : new TreeMap<>(clientSettings).entrySet()) {
            text.append(escape(e.getKey(), true)).append('=').append(escape(e.getValue(), false)).append('\n');
        }
        return text.toString();
    }

    private static String escape(String text, boolean key) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case '=', ':', '#', '!' -> out.append('\\').append(c);
                case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
