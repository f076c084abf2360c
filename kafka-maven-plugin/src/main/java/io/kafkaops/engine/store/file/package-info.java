/**
 * The {@code file} credential store: generated credentials in a JSON file per stage with owner-only
 * permissions, for local stages and tests. Registered as a built-in {@code CredentialStoreProvider}; depends on
 * {@code engine.store} and Jackson only.
 */
package io.kafkaops.engine.store.file;
