package io.kafkaops.model;

import java.nio.charset.StandardCharsets;

/**
 * Kafka's rules for the names a deploy creates on a cluster, in one place: the loader checks stage prefixes with
 * them, validation every logical and physical (prefixed) name, and the planner every name a plan would create.
 *
 * <p>Topics follow Kafka's own {@code org.apache.kafka.common.internals.Topic.validate}: 1 to 249 characters of
 * {@code [a-zA-Z0-9._-]}, not {@code .} or {@code ..}. Kafka accepts almost any non-empty string as a consumer group,
 * transactional id or SCRAM user name; we refuse what no client configuration or log line carries safely: control
 * characters (newline, ESC, NUL, ...), invisible format characters (such as U+202E, which reverses the text after
 * it), line separators, and more than the 32,767 bytes a name has in Kafka's protocol. A principal (SCRAM user name)
 * has no whitespace either: it goes into JAAS configurations and {@code User:<name>} ACL principals.
 */
public final class KafkaNames {

    /** Kafka's limit for a topic name, the stage prefix included. */
    public static final int MAX_TOPIC_LENGTH = 249;

    /** A Kafka protocol string is at most this many bytes of UTF-8. */
    public static final int MAX_NAME_BYTES = Short.MAX_VALUE;

    private static final String TOPIC_CHARACTERS = "letters a-z and A-Z, digits, '.', '_' and '-'";

    private KafkaNames() {
    }

    /** Why Kafka refuses this topic name, or null when it accepts it. */
    public static String topicProblem(String name) {
        if (name == null || name.isEmpty()) return "is empty";
        if (name.equals(".") || name.equals("..")) return "is '" + name + "', which Kafka does not allow as a topic name";
        int bad = firstNonTopicCharacter(name);
        if (bad >= 0) {
            return "contains " + describe(name.codePointAt(bad)) + "; a topic name has only " + TOPIC_CHARACTERS;
        }
        if (name.length() > MAX_TOPIC_LENGTH) {
            return "has " + name.length() + " characters; Kafka allows at most " + MAX_TOPIC_LENGTH;
        }
        return null;
    }

    /**
     * Why a stage prefix cannot be put in front of topic, group, transactional id and principal names, or null. It
     * becomes part of every topic name, so it has a topic name's characters and leaves room for one more character.
     */
    public static String prefixProblem(String prefix) {
        if (prefix == null || prefix.isEmpty()) return null;
        int bad = firstNonTopicCharacter(prefix);
        if (bad >= 0) {
            return "contains " + describe(prefix.codePointAt(bad)) + "; a prefix becomes part of every topic name,"
                    + " so it has only " + TOPIC_CHARACTERS;
        }
        if (prefix.length() >= MAX_TOPIC_LENGTH) {
            return "has " + prefix.length() + " characters; with it no topic name fits Kafka's limit of "
                    + MAX_TOPIC_LENGTH;
        }
        return null;
    }

    /** Why a consumer group or transactional id is not usable, or null when it is. */
    public static String nameProblem(String name) {
        if (name == null || name.isEmpty()) return "is empty";
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (unsafe(cp)) return "contains " + describe(cp) + ", which no client configuration carries safely";
            i += Character.charCount(cp);
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) return "has " + bytes + " bytes; Kafka allows at most " + MAX_NAME_BYTES;
        return null;
    }

    /** Why a principal (SCRAM user) name is not usable, or null when it is. */
    public static String principalProblem(String name) {
        String p = nameProblem(name);
        if (p != null) return p;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                return "contains " + describe(cp) + "; a principal name has no whitespace";
            }
            i += Character.charCount(cp);
        }
        return null;
    }

    /**
     * The name for a message: as it is when every character is printable ASCII, otherwise with other characters
     * written as {@code \n}, {@code \t} or {@code \}{@code uXXXX}, so a message stays one readable line.
     */
    public static String shown(String name) {
        if (name == null) return "null";
        StringBuilder sb = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\n') sb.append("\\n");
            else if (c == '\r') sb.append("\\r");
            else if (c == '\t') sb.append("\\t");
            else if (c == '\\') sb.append("\\\\");
            else if (c >= 0x20 && c < 0x7f) sb.append(c);
            else sb.append(String.format("\\u%04X", (int) c));
        }
        return sb.toString();
    }

    private static int firstNonTopicCharacter(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) return i;
        }
        return -1;
    }

    private static boolean unsafe(int cp) {
        if (Character.isISOControl(cp)) return true;
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE;
    }

    private static String describe(int cp) {
        return switch (cp) {
            case ' ' -> "a space";
            case '\n' -> "a newline";
            case '\t' -> "a tab";
            case '\r' -> "a carriage return";
            default -> cp > 0x20 && cp < 0x7f ? "'" + (char) cp + "'" : String.format("U+%04X", cp);
        };
    }
}
