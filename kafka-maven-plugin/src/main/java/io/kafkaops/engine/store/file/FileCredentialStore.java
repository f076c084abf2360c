package io.kafkaops.engine.store.file;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kafkaops.engine.store.CredentialStore;
import io.kafkaops.engine.store.CredentialStoreException;
import io.kafkaops.engine.store.StoredCredential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Credentials in one JSON file on the machine running the build, for local stages and tests:
 * <pre>
 * { "formatVersion": 1,
 *   "credentials": {
 *     "dev.billing-service": { "stage": "dev", "team": "billing", "username": "dev.billing-service",
 *       "password": "...", "bootstrap.servers": "...", "security.protocol": "SASL_SSL",
 *       "sasl.mechanism": "SCRAM-SHA-512", "sasl.jaas.config": "...", "updatedAt": "..." } } }
 * </pre>
 * Next to it, a directory named after the file holds {@code <principal>.properties} with the client properties an
 * application can load as they are. The file, the directory and every properties file are readable by the owner
 * only (rw------- and rwx------ on POSIX systems), set when they are created; every write replaces the file
 * atomically, so a reader never sees half of it.
 */
public final class FileCredentialStore implements CredentialStore {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");

    private final Path file;
    /** Paths under it are shown relative to it in descriptions and messages, which reach reports; may be null. */
    private final Path projectBaseDir;

    public FileCredentialStore(Path file) {
        this(file, null);
    }

    /**
     * @param projectBaseDir the project directory: descriptions and messages, which end up in plan.md, plan.json,
     *                       deploy.json and the console, show paths inside it relative to it, never the build
     *                       machine's absolute path
     */
    public FileCredentialStore(Path file, Path projectBaseDir) {
        this.file = file.toAbsolutePath().normalize();
        this.projectBaseDir = projectBaseDir == null ? null : projectBaseDir.toAbsolutePath().normalize();
    }

    /** The path as reports show it: relative to the project when inside it, with forward slashes. */
    String shown(Path path) {
        Path p = path.toAbsolutePath().normalize();
        if (projectBaseDir != null && p.startsWith(projectBaseDir) && !p.equals(projectBaseDir)) {
            return projectBaseDir.relativize(p).toString().replace('\\', '/');
        }
        return p.toString();
    }

    public Path file() {
        return file;
    }

    /** The directory holding one client-properties file per principal. */
    public Path propertiesDirectory() {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling(dot > 0 ? name.substring(0, dot) : name + ".d");
    }

    @Override
    public String describe() {
        return "file " + shown(file);
    }

    @Override
    public synchronized Set<String> existing(String stage, String team) throws CredentialStoreException {
        Set<String> out = new TreeSet<>();
        for (Map.Entry<String, Map<String, String>> e : read().entrySet()) {
            Map<String, String> entry = e.getValue();
            if (stage.equals(entry.get("stage")) && team.equals(entry.get("team")) && entry.get("password") != null) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    @Override
    public synchronized void store(StoredCredential c) throws CredentialStoreException {
        CredentialStoreException failed = storeAll(List.of(c)).get(c.principal());
        if (failed != null) throw failed;
    }

    /** Reads and writes the file once for all of them, so a deploy of n new service accounts is not quadratic. */
    @Override
    public synchronized Map<String, CredentialStoreException> storeAll(List<StoredCredential> credentials) {
        Map<String, CredentialStoreException> failed = new LinkedHashMap<>();
        if (credentials.isEmpty()) return failed;
        Map<String, Map<String, String>> all;
        try {
            all = read();
        } catch (CredentialStoreException e) {
            for (StoredCredential c : credentials) failed.put(c.principal(), e);
            return failed;
        }
        Map<String, Map<String, String>> clients = new LinkedHashMap<>();
        for (StoredCredential c : credentials) {
            Map<String, String> client = new LinkedHashMap<>(c.clientProperties());
            client.put("sasl.jaas.config", c.jaasConfig());
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("stage", c.stage());
            entry.put("team", c.team());
            entry.put("username", c.username());
            entry.put("password", c.password());
            entry.putAll(client);
            entry.put("updatedAt", Instant.now().toString());
            all.put(c.principal(), entry);
            clients.put(c.principal(), client);
        }
        try {
            write(all);
        } catch (CredentialStoreException e) {
            for (StoredCredential c : credentials) failed.put(c.principal(), e);
            return failed;
        }
        for (StoredCredential c : credentials) {
            StringBuilder props = new StringBuilder("# Kafka client properties of ").append(c.principal())
                    .append(" on stage ").append(c.stage()).append(" (team ").append(c.team()).append(")\n");
            new TreeMap<>(clients.get(c.principal()))
                    .forEach((k, v) -> props.append(k).append('=').append(escape(v)).append('\n'));
            try {
                writePrivate(propertiesDirectory(), propertiesDirectory().resolve(c.principal() + ".properties"),
                        props.toString());
            } catch (CredentialStoreException e) {
                failed.put(c.principal(), e);
            }
        }
        return failed;
    }

    @Override
    public synchronized void delete(String stage, String team, String principal) throws CredentialStoreException {
        Map<String, Map<String, String>> all = read();
        Map<String, String> entry = all.get(principal);
        if (entry != null && stage.equals(entry.get("stage")) && team.equals(entry.get("team"))) {
            all.remove(principal);
            write(all);
            try {
                Files.deleteIfExists(propertiesDirectory().resolve(principal + ".properties"));
            } catch (IOException e) {
                throw new CredentialStoreException("cannot delete " + shown(propertiesDirectory().resolve(principal
                        + ".properties")) + " (" + e.getClass().getSimpleName() + ")");
            }
        }
    }

    private Map<String, Map<String, String>> read() throws CredentialStoreException {
        if (!Files.exists(file)) return new TreeMap<>();
        try {
            Document doc = JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), Document.class);
            return doc.credentials() == null ? new TreeMap<>() : new TreeMap<>(doc.credentials());
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the text around the error, which may be a password: give the position only
            JsonLocation at = e.getLocation();
            throw new CredentialStoreException("the credential file " + shown(file) + " is not valid"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + "; fix or delete it (its credentials are then generated again on the next deploy)");
        } catch (IOException e) {
            throw new CredentialStoreException("cannot read the credential file " + shown(file) + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private void write(Map<String, Map<String, String>> all) throws CredentialStoreException {
        String json;
        try {
            json = JSON.writeValueAsString(new Document(1, new TreeMap<>(all))) + "\n";
        } catch (JsonProcessingException e) {
            throw new CredentialStoreException("cannot write the credential file " + shown(file));
        }
        writePrivate(file.getParent(), file, json);
    }

    /** Writes owner-only: permissions are set at creation, so the content is never readable by others. */
    private void writePrivate(Path dir, Path target, String content) throws CredentialStoreException {
        Path tmp = null;
        try {
            if (!Files.isDirectory(dir)) {
                if (POSIX) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR));
                } else {
                    Files.createDirectories(dir);
                }
            }
            FileAttribute<?>[] attrs = POSIX
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", attrs);
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            if (POSIX) Files.setPosixFilePermissions(target, FILE);
        } catch (IOException e) {
            // a file system exception's message is the absolute path: give its reason only
            String detail = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
            throw new CredentialStoreException("cannot write " + shown(target) + " (" + e.getClass().getSimpleName()
                    + (detail == null ? "" : ": " + detail) + ")");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is owner-only; leaving it behind leaks nothing
                }
            }
        }
    }

    private static String escape(String value) {
        StringBuilder sb = new StringBuilder();
        for (char ch : value.toCharArray()) {
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '=', ':', '#', '!' -> sb.append('\\').append(ch);
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "FileCredentialStore[" + file + "]";
    }

    /** The layout of the file. */
    record Document(int formatVersion, Map<String, Map<String, String>> credentials) {
    }
}
