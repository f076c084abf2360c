package io.kafkaops.it.vault;

import io.kafkaops.engine.store.azure.FakeKeyVault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A vault test's set-up: the billing team's vault, the toll team's vault and a {@link VaultStage}, closed after it. */
abstract class VaultTestBase {

    FakeKeyVault billingVault;
    FakeKeyVault tollVault;
    VaultStage stage;

    @BeforeEach
    void startVaultsAndStage() throws Exception {
        billingVault = FakeKeyVault.start();
        tollVault = FakeKeyVault.start();
        stage = new VaultStage();
    }

    @AfterEach
    void stopVaultsAndStage() {
        billingVault.close();
        tollVault.close();
        stage.close();
    }
}
