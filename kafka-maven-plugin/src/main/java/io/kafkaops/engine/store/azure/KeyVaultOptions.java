package io.kafkaops.engine.store.azure;

import io.kafkaops.engine.store.CredentialStoreException;
import io.kafkaops.model.platform.SecretStoreConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The settings of one team's vault for one stage, read from the platform definition's secret store entry.
 *
 * @param vaultUrl           the resolved vault URL, without a trailing slash
 * @param trustStore         trust store for the vault's TLS certificate (emulators, private CAs); null for the JDK's
 * @param trustStorePassword from the environment variable the config names; null when none is named
 */
record KeyVaultOptions(
        String vaultUrl,
        Path trustStore,
        char[] trustStorePassword,
        boolean disableChallengeResourceVerification) {

    static final String TRUST_STORE = "trustStore";
    static final String TRUST_STORE_PASSWORD_ENV = "trustStorePasswordEnv";
    static final String DISABLE_CHALLENGE_RESOURCE_VERIFICATION = "disableChallengeResourceVerification";
    private static final String TRUST_STORE_PASSWORD = "trustStorePassword";
    private static final Set<String> KNOWN = Set.of(TRUST_STORE, TRUST_STORE_PASSWORD_ENV,
            DISABLE_CHALLENGE_RESOURCE_VERIFICATION);

    /**
     * Reads and checks the config; every problem is a {@link CredentialStoreException} naming the team, stage and key.
     *
     * @param baseDir     relative trust store paths are resolved against it (the project directory)
     * @param environment looks up environment variables (System::getenv outside tests)
     */
    static KeyVaultOptions from(SecretStoreConfig config, String team, String stage, Path baseDir,
                                Function<String, String> environment) throws CredentialStoreException {
        String where = "secret store of team '" + team + "' for stage '" + stage + "'";
        if (!SecretStoreConfig.TYPE_AZURE_KEY_VAULT.equals(config.type())) {
            throw new CredentialStoreException(where + " has type '" + config.type() + "', not '"
                    + SecretStoreConfig.TYPE_AZURE_KEY_VAULT + "'");
        }
        String vaultUrl = vaultUrl(config, team, stage, where);

        Map<String, String> properties = config.properties();
        if (properties.containsKey(TRUST_STORE_PASSWORD)) {
            throw new CredentialStoreException(where + ": '" + TRUST_STORE_PASSWORD + "' is not allowed in the platform"
                    + " definition, which must hold no secrets; put the password in an environment variable and name"
                    + " it with '" + TRUST_STORE_PASSWORD_ENV + "'");
        }
        Set<String> unknown = new TreeSet<>(properties.keySet());
        unknown.removeAll(KNOWN);
        if (!unknown.isEmpty()) {
            throw new CredentialStoreException(where + ": unknown propert" + (unknown.size() == 1 ? "y " : "ies ")
                    + unknown + "; known are " + new TreeSet<>(KNOWN));
        }

        Path trustStore = null;
        String trustStoreValue = properties.get(TRUST_STORE);
        if (trustStoreValue != null && !trustStoreValue.isBlank()) {
            trustStore = baseDir.resolve(trustStoreValue.strip()).normalize();
        }
        char[] password = null;
        String passwordEnv = properties.get(TRUST_STORE_PASSWORD_ENV);
        if (passwordEnv != null && !passwordEnv.isBlank()) {
            if (trustStore == null) {
                throw new CredentialStoreException(where + ": '" + TRUST_STORE_PASSWORD_ENV + "' is set but '"
                        + TRUST_STORE + "' is not");
            }
            String value = environment.apply(passwordEnv.strip());
            if (value == null) {
                throw new CredentialStoreException(where + ": environment variable '" + passwordEnv.strip()
                        + "' (named by '" + TRUST_STORE_PASSWORD_ENV + "') is not set");
            }
            password = value.toCharArray();
        }

        boolean disableVerification = bool(properties.get(DISABLE_CHALLENGE_RESOURCE_VERIFICATION),
                DISABLE_CHALLENGE_RESOURCE_VERIFICATION, where);
        return new KeyVaultOptions(vaultUrl, trustStore, password, disableVerification);
    }

    private static String vaultUrl(SecretStoreConfig config, String team, String stage, String where)
            throws CredentialStoreException {
        String resolved = config.resolvedLocation(team, stage);
        if (resolved == null || resolved.isBlank()) {
            throw new CredentialStoreException(where + " has no 'url' (for example "
                    + "url: \"https://kv-{team}-{stage}.vault.azure.net\")");
        }
        resolved = resolved.strip();
        if (resolved.contains("{") || resolved.contains("}")) {
            throw new CredentialStoreException(where + ": url '" + resolved + "' has a placeholder other than"
                    + " {team} and {stage}");
        }
        URI uri;
        try {
            uri = new URI(resolved);
        } catch (URISyntaxException e) {
            throw new CredentialStoreException(where + ": url '" + resolved + "' is not a valid URL: "
                    + e.getReason());
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new CredentialStoreException(where + ": url '" + resolved + "' must be an https URL with a host,"
                    + " such as https://kv-billing-prod.vault.azure.net");
        }
        if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null
                || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))) {
            throw new CredentialStoreException(where + ": url '" + resolved + "' must be just the vault's address,"
                    + " without path, query or user info");
        }
        return resolved.endsWith("/") ? resolved.substring(0, resolved.length() - 1) : resolved;
    }

    private static boolean bool(String value, String key, String where) throws CredentialStoreException {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new CredentialStoreException(where + ": '" + key + "' must be true or false, not '"
                    + value + "'");
        };
    }

    @Override
    public String toString() {
        return "KeyVaultOptions[vaultUrl=" + vaultUrl + ", trustStore=" + trustStore
                + ", trustStorePassword=" + (trustStorePassword == null ? "none" : "***")
                + ", disableChallengeResourceVerification=" + disableChallengeResourceVerification + "]";
    }
}
