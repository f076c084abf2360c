package io.kafkaops.engine.cluster.confluent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kafka API keys the Confluent Cloud stand-in has issued, as the test broker sees them: one file that
 * {@link ConfluentCloudTestServer} rewrites atomically after every change and that the broker's
 * {@link ConfluentPlainCallbackHandler} and {@link ConfluentPrincipalBuilder} read in the broker's JVM. The file holds
 * a SHA-256 hash of each secret, never the secret. {@link Entry#accepts} is the one rule both sides apply.
 */
public final class KeyRegistry {

    private KeyRegistry() {
    }

    /**
     * One issued key.
     *
     * @param keyId        the key id (the PLAIN user name)
     * @param secretSha256 hex SHA-256 of the secret
     * @param ownerId      the owning service account ({@code sa-...})
     * @param resourceId   the Kafka cluster ({@code lkc-...}) the key is scoped to, or {@code -} for a Cloud key
     * @param activeAt     when the key starts to work (Confluent propagates new keys with a delay)
     */
    public record Entry(String keyId, String secretSha256, String ownerId, String resourceId, Instant activeAt) {

        /** Whether this key, given with {@code secret}, signs in to {@code clusterId} at {@code now}. */
        public boolean accepts(String secret, String clusterId, Instant now) {
            return resourceId.equals(clusterId) && !now.isBefore(activeAt)
                    && MessageDigest.isEqual(sha256(secret).getBytes(StandardCharsets.US_ASCII),
                    secretSha256.getBytes(StandardCharsets.US_ASCII));
        }
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces the file with {@code entries} in one atomic move, so a reader sees the old or the new list whole. */
    static void write(Path file, Collection<Entry> entries) {
        StringBuilder text = new StringBuilder();
        for (Entry e : entries) {
            text.append(e.keyId()).append('\t').append(e.secretSha256()).append('\t').append(e.ownerId()).append('\t')
                    .append(e.resourceId()).append('\t').append(e.activeAt().toEpochMilli()).append('\n');
        }
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the key registry " + file, e);
        }
    }

    /** The entries of the file by key id; empty when it does not exist (yet). */
    public static Map<String, Entry> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the key registry " + file, e);
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (String line : lines) {
            String[] f = line.split("\t");
            if (f.length == 5) {
                entries.put(f[0], new Entry(f[0], f[1], f[2], f[3], Instant.ofEpochMilli(Long.parseLong(f[4]))));
            }
        }
        return entries;
    }

    /** The entry of {@code keyId} in the file. */
    public static Optional<Entry> find(Path file, String keyId) {
        return Optional.ofNullable(read(file).get(keyId));
    }
}
