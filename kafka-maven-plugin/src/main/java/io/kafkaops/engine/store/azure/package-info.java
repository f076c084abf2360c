/**
 * The Azure Key Vault credential store: deploy writes each generated service-account credential to the owning team's
 * vault for the stage, plan lists which ones are there by name and tags only. Uses the official Azure SDK with the JDK
 * HTTP client (so a custom trust store can be plugged in for emulators and private endpoints) and
 * {@code DefaultAzureCredential} for sign-in. Depends on {@code engine.store}, the Azure SDK and Jackson only.
 */
package io.kafkaops.engine.store.azure;
