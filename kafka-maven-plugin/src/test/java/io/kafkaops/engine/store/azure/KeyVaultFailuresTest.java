package io.kafkaops.engine.store.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.engine.store.azure.KeyVaultFailures.Permission;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyVaultFailuresTest {

    private static final String VAULT = "https://kv-billing-dev.vault.azure.net";

    @Test
    void aClosedPortIsOneSentenceWithoutAClassName() {
        // what the JDK's HTTP client and the SDK make of a closed port: causes without a message
        RuntimeException sdk = new UncheckedIOException("java.net.ConnectException",
                new ConnectException(null));
        sdk.addSuppressed(new ClosedChannelException());

        String message = KeyVaultFailures.map(VAULT, "list secrets", Permission.LIST, sdk, List.of()).getMessage();

        assertThat(message).isEqualTo("Azure Key Vault " + VAULT + ": list secrets failed: the vault could not be"
                + " reached (the connection was refused or timed out). Check the vault URL, the network and any"
                + " proxy.");
    }

    @Test
    void aConnectFailureWithAReasonKeepsIt() {
        RuntimeException sdk = new RuntimeException(new ConnectException("Connection refused"));

        assertThat(KeyVaultFailures.map(VAULT, "list secrets", Permission.LIST, sdk, List.of()).getMessage())
                .contains("could not be reached (Connection refused).");
    }
}
