package io.kafkaops.engine.debug.tools;

import io.kafkaops.engine.debug.DebugSession;
import io.kafkaops.engine.debug.LocalPlacement;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the tools take their client settings from, in this order: the local file of the debug session named
 * ({@code kafka.session}); else the only open local session file of the stage (of the account, when one is named);
 * else, on an embedded stage, the stored client properties of the account ({@link #fromStoredProperties}). A
 * {@link ToolException} names what to do when none or several apply. The settings hold a secret: {@link Access}
 * never shows them.
 */
public final class ToolCredentials {

    /** The first line {@link LocalPlacement} writes: {@code # kafka debug session <id> on stage <s> as <a>, ends <t>}. */
    private static final Pattern HEADER = Pattern.compile(
            "# kafka debug session (\\S+) on stage (\\S+) as (\\S+), ends (\\S+)");

    private ToolCredentials() {
    }

    /**
     * Client settings to use, and whose they are.
     *
     * @param source   where they came from, for the developer (a session id or the store), never a secret
     * @param account  the account as messages name it
     * @param settings the Kafka client settings (bootstrap.servers, security, the credential)
     */
    public record Access(String source, String account, Map<String, String> settings) {

        public Access {
            settings = Collections.unmodifiableMap(new TreeMap<>(settings));
        }

        /** The same access on other bootstrap servers (an embedded stage's broker runs on a new port each build). */
        public Access withBootstrapServers(String servers) {
            Map<String, String> s = new TreeMap<>(settings);
            s.put("bootstrap.servers", servers);
            return new Access(source, account, s);
        }

        /** The same access with the account named otherwise in messages (its physical name on the stage). */
        public Access withAccount(String name) {
            return new Access(source, name, settings);
        }

        @Override
        public String toString() {
            return "Access[" + source + ", account=" + account + ", settings=***]";
        }
    }

    /** A local session file as its first line describes it. */
    record SessionFile(Path file, String id, String account, Instant expiry) {
    }

    /**
     * The settings of a debug session's local file.
     *
     * @param kafkaDir  the build's Kafka output directory ({@code target/kafka})
     * @param sessionId the session named with kafka.session, or null for the only open one of the stage
     * @param account   the account named with kafka.account, or null: narrows the search for the only open session
     * @param now       to tell ended sessions whose file was not removed yet
     * @return empty when no session was named and the stage has no open local session (of the account)
     * @throws ToolException when the named session has no local file, has ended, or several sessions apply
     */
    public static Optional<Access> fromSession(Path kafkaDir, String stage, String sessionId, String account,
                                               Instant now) throws ToolException {
        Path dir = LocalPlacement.directory(kafkaDir, stage);
        String hint = "mvn kafka:debug-list -Dkafka.stage=" + stage + " lists the open sessions";
        if (sessionId != null && !sessionId.isBlank()) {
            String id = sessionId.strip();
            if (!DebugSession.isId(id)) {
                throw new ToolException("'" + id + "' is not a debug session id (dbg- and 12 hex digits); " + hint);
            }
            Path file = dir.resolve(id + ".properties");
            if (!Files.isRegularFile(file)) {
                throw new ToolException("debug session " + id + " has no local client settings on stage " + stage
                        + " (no " + file + "): it has ended, or was started in another directory or with another"
                        + " placement; " + hint);
            }
            SessionFile session = describe(file);
            if (session.expiry() != null && !now.isBefore(session.expiry())) {
                throw new ToolException("debug session " + id + " ended at " + session.expiry() + "; start a new one"
                        + " with mvn kafka:debug -Dkafka.stage=" + stage);
            }
            return Optional.of(load(session));
        }
        List<SessionFile> open = new ArrayList<>();
        for (SessionFile s : sessionFiles(dir)) {
            boolean ended = s.expiry() != null && !now.isBefore(s.expiry());
            boolean ofAccount = account == null || account.isBlank() || account.strip().equals(s.account());
            if (!ended && ofAccount) open.add(s);
        }
        if (open.isEmpty()) return Optional.empty();
        if (open.size() > 1) {
            List<String> ids = open.stream().map(s -> s.id() + " (" + s.account() + ")").toList();
            throw new ToolException("stage " + stage + " has " + open.size() + " open local debug sessions: "
                    + String.join(", ", ids) + "; choose one with -Dkafka.session=<id>");
        }
        return Optional.of(load(open.get(0)));
    }

    /**
     * The client properties file the credential store of an embedded stage keeps for an account (the {@code file}
     * store writes one per principal).
     *
     * @throws ToolException when there is none
     */
    public static Access fromStoredProperties(Path file, String account, String stage, String store)
            throws ToolException {
        if (!Files.isRegularFile(file)) {
            throw new ToolException("no stored credentials of account " + account + " on stage " + stage + " in "
                    + store + ": deploy the account to the stage first (mvn kafka:deploy -Dkafka.stage=" + stage
                    + "), with credentials: true in its declaration");
        }
        return new Access("the stored credentials of " + account + " (" + store + ")", account, read(file));
    }

    private static Access load(SessionFile s) throws ToolException {
        return new Access("debug session " + s.id() + " (account " + s.account() + ", ends " + s.expiry() + ")",
                s.account(), read(s.file()));
    }

    private static List<SessionFile> sessionFiles(Path dir) throws ToolException {
        List<SessionFile> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "dbg-*.properties")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (DebugSession.isId(name.substring(0, name.length() - ".properties".length()))) {
                    out.add(describe(f));
                }
            }
        } catch (IOException e) {
            throw new ToolException("cannot list the debug session files in " + dir + " (" + e.getClass()
                    .getSimpleName() + ")");
        }
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    static SessionFile describe(Path file) throws ToolException {
        String name = file.getFileName().toString();
        String id = name.substring(0, name.length() - ".properties".length());
        String first;
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            first = lines.findFirst().orElse("");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ToolException("cannot read the session file " + file + " (" + e.getClass().getSimpleName()
                    + ")");
        }
        Matcher m = HEADER.matcher(first);
        if (!m.lookingAt()) return new SessionFile(file, id, "of debug session " + id, null);
        Instant expiry;
        try {
            expiry = Instant.parse(m.group(4));
        } catch (DateTimeParseException e) {
            expiry = null;
        }
        return new SessionFile(file, id, m.group(3), expiry);
    }

    /** Reads a properties file; a failure names the file and the kind of error only, never a line of it. */
    private static Map<String, String> read(Path file) throws ToolException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new ToolException("cannot read the client settings in " + file + " (" + e.getClass()
                    .getSimpleName() + ")");
        }
        Map<String, String> settings = new TreeMap<>();
        for (String key : p.stringPropertyNames()) settings.put(key, p.getProperty(key));
        if (!settings.containsKey("bootstrap.servers")) {
            throw new ToolException("the client settings in " + file + " name no bootstrap.servers");
        }
        return settings;
    }
}
