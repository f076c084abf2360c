package io.kafkaops.engine.store;

import java.util.Locale;
import java.util.regex.Pattern;

/** Keeps credentials out of messages, {@code toString()} output and files meant for people. */
public final class Secrets {

    private static final Pattern JAAS_PASSWORD = Pattern.compile("(?i)(password\\s*=\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)");

    private Secrets() {
    }

    /** Whether a client property holds a secret (JAAS lines, passwords, keys, tokens). */
    public static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("jaas") || k.contains("password") || k.contains("secret") || k.contains("token")
                || k.endsWith(".key") || k.contains("credential");
    }

    /** The text with every {@code password=...} value replaced by {@code ***}, for messages that quote other tools. */
    public static String mask(String text) {
        if (text == null) return null;
        return JAAS_PASSWORD.matcher(text).replaceAll("$1***");
    }
}
