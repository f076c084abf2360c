/**
 * Where generated credentials go: one {@link io.kafkaops.engine.store.CredentialStoreProvider} per store type
 * ({@code file} for local stages and tests, {@code azure-key-vault} for pipelines), chosen per team and stage by
 * {@link io.kafkaops.engine.store.CredentialStores} from the platform definition.
 */
package io.kafkaops.engine.store;
