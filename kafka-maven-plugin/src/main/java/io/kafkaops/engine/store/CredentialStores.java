package io.kafkaops.engine.store;

import io.kafkaops.engine.store.azure.AzureKeyVaultCredentialStoreProvider;
import io.kafkaops.engine.store.file.FileCredentialStoreProvider;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.model.platform.SecretStoreConfig;
import io.kafkaops.model.platform.Team;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** Finds a team's credential store for a stage and opens it with the provider registered for its type. */
public final class CredentialStores {

    private final Map<String, CredentialStoreProvider> providers;

    private CredentialStores(Collection<CredentialStoreProvider> providers) {
        Map<String, CredentialStoreProvider> byType = new TreeMap<>();
        for (CredentialStoreProvider p : providers) byType.putIfAbsent(p.type(), p);
        this.providers = java.util.Collections.unmodifiableMap(byType);
    }

    /** The built-in providers plus those found through {@link ServiceLoader} next to this class. */
    public static CredentialStores available() {
        List<CredentialStoreProvider> all = new java.util.ArrayList<>(List.of(new FileCredentialStoreProvider(),
                new AzureKeyVaultCredentialStoreProvider()));
        ServiceLoader.load(CredentialStoreProvider.class, CredentialStores.class.getClassLoader()).forEach(all::add);
        return new CredentialStores(all);
    }

    /** Exactly these providers. */
    public static CredentialStores of(CredentialStoreProvider... providers) {
        return new CredentialStores(List.of(providers));
    }

    /** Shortcut for {@code available().open(...)}. */
    public static CredentialStore forStage(PlatformDefinition platform, String team, String stage,
                                           Path projectBaseDir) throws CredentialStoreException {
        return available().open(platform, team, stage, projectBaseDir);
    }

    /** Shortcut for {@code available().open(...)} with the project's build directory. */
    public static CredentialStore forStage(PlatformDefinition platform, String team, String stage,
                                           Path projectBaseDir, Path buildDir) throws CredentialStoreException {
        return available().open(platform, team, stage, projectBaseDir, buildDir);
    }

    public Set<String> types() {
        return providers.keySet();
    }

    /**
     * The store the team configured for the stage ({@code secretStores.<stage>}, else {@code secretStores."*"}; a
     * development stage not named gets a file under {@code target/}, see {@link PlatformDefinition#secretStore}).
     *
     * @throws CredentialStoreException when the team is unknown, has no store for the stage, or no provider handles
     *                                  the store's type
     */
    public CredentialStore open(PlatformDefinition platform, String team, String stage, Path projectBaseDir)
            throws CredentialStoreException {
        return open(platform, team, stage, projectBaseDir,
                projectBaseDir == null ? null : projectBaseDir.resolve("target"));
    }

    /**
     * Like {@link #open(PlatformDefinition, String, String, Path)}; a file store inside {@code buildDir} is refused
     * unless the stage runs on an embedded broker: {@code mvn clean} or a fresh CI agent would lose it, and the next
     * deploy would give every service account of a shared stage a new password, breaking the running services.
     */
    public CredentialStore open(PlatformDefinition platform, String team, String stage, Path projectBaseDir,
                                Path buildDir) throws CredentialStoreException {
        Team t = platform.team(team).orElseThrow(() -> new CredentialStoreException("team '" + team
                + "' is not defined in the platform definition " + platform.source()));
        SecretStoreConfig config = platform.secretStore(t, stage);
        if (config == null) {
            throw new CredentialStoreException("team " + team + " has no secret store for stage " + stage
                    + ": add secretStores." + stage + " (or secretStores.\"*\") to the team in the platform definition "
                    + platform.source());
        }
        if (buildDir != null && projectBaseDir != null && SecretStoreConfig.TYPE_FILE.equals(config.type())
                && !platform.isDevelopmentStage(stage)) {
            refuseBuildDirectory(config, team, stage, projectBaseDir, buildDir);
        }
        CredentialStoreProvider provider = providers.get(config.type());
        if (provider == null) {
            throw new CredentialStoreException("no credential store of type '" + config.type() + "' is available"
                    + " (team " + team + ", stage " + stage + "); this plugin has " + providers.keySet()
                    + ". Add the plugin dependency that provides it, or use another type for this stage.");
        }
        return provider.open(config, team, stage, projectBaseDir);
    }

    private static void refuseBuildDirectory(SecretStoreConfig config, String team, String stage, Path projectBaseDir,
                                             Path buildDir) throws CredentialStoreException {
        String location = config.resolvedLocation(team, stage);
        if (location == null || location.isBlank()) {
            return; // the provider reports the missing path
        }
        Path path;
        try {
            path = projectBaseDir.resolve(location).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return; // and the invalid one
        }
        Path build = buildDir.toAbsolutePath().normalize();
        if (path.startsWith(build)) {
            throw new CredentialStoreException("the file secret store of team " + team + " for stage " + stage + " ("
                    + location + ") is inside the build directory, which `mvn clean` or a fresh CI agent empties; the"
                    + " next deploy would then give every service account of stage " + stage + " a new password and"
                    + " break the services running with the old one. A file store under the build directory is for"
                    + " embedded stages only: give stage " + stage + " of team " + team + " a store that outlives the"
                    + " build in the platform definition (secretStores." + stage + ": { type: azure-key-vault, url:"
                    + " ... }, or a file path outside the build directory)");
        }
    }
}
