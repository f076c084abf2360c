package io.kafkaops.engine.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in hex, for spec hashes and state fingerprints. */
final class Hashing {

    private Hashing() {
    }

    /**
     * The SHA-256 of the lines joined with line feeds, the same as {@code sha256(String.join("\n", lines))}, fed to
     * the digest line by line: the state of a large stage is tens of megabytes of lines, never joined into one string.
     */
    static String sha256Lines(Iterable<String> lines) {
        MessageDigest md = sha256();
        boolean first = true;
        for (String line : lines) {
            if (!first) md.update((byte) '\n');
            md.update(line.getBytes(StandardCharsets.UTF_8));
            first = false;
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
