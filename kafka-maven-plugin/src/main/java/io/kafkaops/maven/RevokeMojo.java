package io.kafkaops.maven;

import io.kafkaops.engine.edit.EditParameters;
import io.kafkaops.engine.edit.EditRejectedException;
import io.kafkaops.engine.edit.EntityEdit;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Takes rights from service accounts: {@code mvn kafka:revoke -Dkafka.serviceAccount=billing-service
 * -Dkafka.produce=billing.refunds.v1}. A list left empty is removed, and so is a grant left without rights. Naming a
 * right the service account does not have is an error.
 */
@Mojo(name = "revoke", requiresProject = true, threadSafe = true)
public class RevokeMojo extends AbstractAccessEditMojo {

    @Override
    protected EntityEdit edit() throws EditRejectedException {
        return EditParameters.revoke(access());
    }
}
