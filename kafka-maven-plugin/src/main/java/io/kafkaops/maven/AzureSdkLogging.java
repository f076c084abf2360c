package io.kafkaops.maven;

import java.util.List;

/**
 * The one owner of the Azure SDK's logging in the goals. The SDK, MSAL and Reactor report every failed call themselves,
 * at ERROR level and with stack traces (a closed port gives one {@code java.net.ConnectException} per retry, then
 * "Retry attempts have been exhausted"), before the credential store turns the same failure into one message that
 * says what to do; at INFO they narrate each sign-in attempt. So their loggers are off unless the user sets a level,
 * for example {@code -Dorg.slf4j.simpleLogger.log.com.azure=info}.
 *
 * <p>Maven's logger takes a per-logger level from a system property when the logger is first created, so this runs
 * before any goal does (from {@link AbstractKafkaMojo}'s static initializer). HTTP request and response bodies are
 * never logged, whatever the level: the store pins the SDK's HTTP log options (see
 * {@code AzureKeyVaultCredentialStore}).
 */
final class AzureSdkLogging {

    /** Logger name prefixes of the Azure SDK, MSAL (azure-identity's sign-in library) and Reactor. */
    static final List<String> LOGGERS = List.of("com.azure", "com.microsoft.aad", "reactor");

    /** The level set when the user set none. */
    static final String DEFAULT_LEVEL = "off";

    private static final String SIMPLE_LOGGER_PREFIX = "org.slf4j.simpleLogger.log.";

    private AzureSdkLogging() {
    }

    /** Sets {@link #DEFAULT_LEVEL} on each of {@link #LOGGERS} that has no level yet; a user's own -D setting wins. */
    static void quiet() {
        for (String logger : LOGGERS) {
            String key = property(logger);
            if (System.getProperty(key) == null) {
                System.setProperty(key, DEFAULT_LEVEL);
            }
        }
    }

    static String property(String logger) {
        return SIMPLE_LOGGER_PREFIX + logger;
    }
}
