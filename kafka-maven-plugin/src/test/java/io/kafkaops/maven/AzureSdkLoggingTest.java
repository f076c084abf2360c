package io.kafkaops.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.ClosedChannelException;
import org.apache.maven.exception.DefaultExceptionHandler;
import org.apache.maven.exception.ExceptionSummary;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

/** One owner of the Azure SDK's logging; store failures print as one clean line. */
class AzureSdkLoggingTest {

    @Test
    void everyAzureLoggerIsOffOnceAGoalClassIsLoaded() throws Exception {
        // the goals' base class sets the levels when it is loaded, before any logger of the SDK exists
        Class.forName(AbstractKafkaMojo.class.getName(), true, getClass().getClassLoader());

        for (String logger : AzureSdkLogging.LOGGERS) {
            assertThat(System.getProperty(AzureSdkLogging.property(logger))).as(logger).isEqualTo("off");
        }
        assertThat(AzureSdkLogging.LOGGERS).contains("com.azure", "com.microsoft.aad", "reactor");
    }

    @Test
    void aUsersOwnLevelWins() {
        String key = AzureSdkLogging.property("com.azure");
        String before = System.getProperty(key);
        try {
            System.setProperty(key, "info");
            AzureSdkLogging.quiet();
            assertThat(System.getProperty(key)).isEqualTo("info");
        } finally {
            System.setProperty(key, before == null ? "off" : before);
        }
    }

    @Test
    void mavenPrintsTheStoreMessageWithoutTheCausesClassName() {
        String message = "Cannot read the credential store Azure Key Vault https://kv.example of team billing for"
                + " stage dev: the vault could not be reached (Connection refused). Check the vault URL, the network"
                + " and any proxy. Nothing was deployed.";
        Exception sdk = new RuntimeException(new ClosedChannelException());

        ExceptionSummary summary = new DefaultExceptionHandler()
                .handleException(AbstractKafkaMojo.failedWith(message, sdk));

        assertThat(summary.getMessage()).isEqualTo(message);
        // the cause is still there for -e
        assertThat(summary.getException().getSuppressed()).containsExactly(sdk);
    }
}
