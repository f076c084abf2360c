package io.kafkaops.engine.store.azure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one rule that names the Key Vault secret of a service account on a stage.
 *
 * <p>Key Vault secret names allow only letters, digits and dashes, 1 to 127 characters, and compare
 * case-insensitively, while Kafka principals are case-sensitive and may contain dots and underscores. So:
 * <ol>
 *   <li>When the stage is {@code [a-z0-9]+}, the principal is {@code [a-z0-9]+(-[a-z0-9]+)*} and
 *       {@code kafka-<stage>-<principal>} fits in 127 characters, that is the name ({@code kafka-prod-billing-service}).
 *       Such a name never contains {@code --}, and the stage is the part up to the first dash after {@code kafka-},
 *       so two different (stage, principal) pairs never give the same exact name.</li>
 *   <li>Otherwise every ASCII letter is lower-cased, every other character becomes {@code -}, runs of dashes collapse
 *       into one, the result is cut to 117 characters, and {@code --} plus the first 8 hex digits of the SHA-256 of the
 *       UTF-8 bytes of {@code <stage> NUL <principal>} (the exact, unmapped names) is appended
 *       ({@code kafka-dev-dev-billing-service--3f9a0c12}). The {@code --} keeps these apart from exact names, and the
 *       hash keeps {@code a.b} and {@code a-b} apart. Shell: {@code printf 'dev\0dev.billing' | sha256sum | cut -c1-8}.</li>
 * </ol>
 * Every name is lower case, so the vault's case-insensitivity cannot merge two of them.
 */
public final class KeyVaultSecretNames {

    /** Key Vault's limit for a secret name. */
    public static final int MAX_LENGTH = 127;

    private static final String PREFIX = "kafka-";
    private static final String HASH_SEPARATOR = "--";
    private static final int HASH_HEX_DIGITS = 8;
    private static final Pattern EXACT_STAGE = Pattern.compile("[a-z0-9]+");
    private static final Pattern EXACT_PRINCIPAL = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern VALID_NAME = Pattern.compile("[0-9a-zA-Z-]{1," + MAX_LENGTH + "}");

    private KeyVaultSecretNames() {
    }

    /** The secret name for a service account (physical principal name) on a stage. */
    public static String secretName(String stage, String principal) {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(principal, "principal");
        if (stage.isEmpty() || principal.isEmpty()) {
            throw new IllegalArgumentException("stage and principal must not be empty");
        }
        String exact = PREFIX + stage + "-" + principal;
        if (EXACT_STAGE.matcher(stage).matches() && EXACT_PRINCIPAL.matcher(principal).matches()
                && exact.length() <= MAX_LENGTH) {
            return exact;
        }
        String readable = collapseDashes(PREFIX + mapChars(stage) + "-" + mapChars(principal));
        int room = MAX_LENGTH - HASH_SEPARATOR.length() - HASH_HEX_DIGITS;
        if (readable.length() > room) {
            readable = collapseDashes(readable.substring(0, room));
        }
        return readable + HASH_SEPARATOR + hash(stage, principal);
    }

    /** Whether a string is a name Key Vault accepts for a secret. */
    public static boolean isValidSecretName(String name) {
        return name != null && VALID_NAME.matcher(name).matches();
    }

    private static String mapChars(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                out.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                out.append((char) (c - 'A' + 'a'));
            } else {
                out.append('-');
            }
        }
        return out.toString();
    }

    /** Collapses runs of dashes and drops trailing ones (the prefix guarantees no leading dash). */
    private static String collapseDashes(String s) {
        String collapsed = s.replaceAll("-{2,}", "-");
        int end = collapsed.length();
        while (end > 0 && collapsed.charAt(end - 1) == '-') {
            end--;
        }
        return collapsed.substring(0, end);
    }

    private static String hash(String stage, String principal) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((stage + '\0' + principal).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
