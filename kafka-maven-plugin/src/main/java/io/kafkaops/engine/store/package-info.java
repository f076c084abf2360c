/**
 * Where generated credentials go: one {@link io.kafkaops.engine.store.CredentialStoreProvider} per store type
 * ({@code file} for local stages and tests, {@code azure-key-vault} for pipelines), chosen per team and stage by
 * {@link io.kafkaops.engine.store.CredentialStores} from the platform definition, and the credential values the
 * engine hands to them. The interfaces depend on kafka-model only; {@code CredentialStores} also registers the two
 * built-in providers in {@code store.file} and {@code store.azure}. {@code CredentialStoreProvider} is a
 * {@link java.util.ServiceLoader} extension point: its name is stable.
 */
package io.kafkaops.engine.store;
