package io.kafkaops.maven;

import io.kafkaops.engine.edit.EditParameters;
import io.kafkaops.engine.edit.EditRejectedException;
import io.kafkaops.engine.edit.EntityEdit;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Gives service accounts rights: {@code mvn kafka:grant -Dkafka.serviceAccount=billing-service
 * -Dkafka.produce=billing.refunds.v1 -Dkafka.consume=toll.transactions.v1 -Dkafka.groups=billing-service}. A service
 * account with a grant entry has it extended (rights it already has are left alone); otherwise a new entry is
 * added. Nothing is written unless the result validates (topics must be declared or listed under external).
 */
@Mojo(name = "grant", requiresProject = true, threadSafe = true)
public class GrantMojo extends AbstractAccessEditMojo {

    @Override
    protected EntityEdit edit() throws EditRejectedException {
        return EditParameters.grant(access());
    }
}
