package io.kafkaops.engine.cluster.admin;

import io.kafkaops.engine.store.file.FileCredentialStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A test against the shared broker: its own {@link BrokerSupport} {@code k}, closed after it, and an output directory. */
abstract class BrokerTestBase {

    @TempDir
    Path out;

    final BrokerSupport k = new BrokerSupport();

    @AfterEach
    void closeBrokerSupport() {
        k.close();
    }

    /** A credential file of its own under the output directory. */
    FileCredentialStore store(String name) {
        return new FileCredentialStore(out.resolve("credentials").resolve(name + ".json"));
    }
}
