package io.kafkaops.maven;

import static io.kafkaops.engine.edit.EditParameters.CREDENTIALS;
import static io.kafkaops.engine.edit.EditParameters.DEPLOY_TO;
import static io.kafkaops.engine.edit.EditParameters.DESCRIPTION;
import static io.kafkaops.engine.edit.EditParameters.METADATA;
import static io.kafkaops.engine.edit.EditParameters.SERVICE_ACCOUNTS;

import io.kafkaops.engine.edit.EditParameters;
import io.kafkaops.engine.edit.EditRejectedException;
import io.kafkaops.engine.edit.EntityEdit;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Declares one or more service accounts: {@code mvn kafka:add-service-account -Dkafka.serviceAccounts=billing-audit
 * -Dkafka.description="Audit trail writer"}. Nothing is written unless the result validates.
 */
@Mojo(name = "add-service-account", requiresProject = true, threadSafe = true)
public class AddServiceAccountMojo extends AbstractEditMojo {

    /** The logical names of the service accounts to add, comma-separated. Required. */
    @Parameter(property = SERVICE_ACCOUNTS)
    private String serviceAccounts;

    /** What the service accounts are used by. */
    @Parameter(property = DESCRIPTION)
    private String description;

    /** Metadata as {@code key=value,key=value}. */
    @Parameter(property = METADATA)
    private String metadata;

    /** {@code false}: the deploy creates no credential (API key / SCRAM password) for them. Default true. */
    @Parameter(property = CREDENTIALS)
    private String credentials;

    /** The stages they are deployed to, comma-separated; absent: every stage. */
    @Parameter(property = DEPLOY_TO)
    private String deployTo;

    @Override
    protected EntityEdit edit() throws EditRejectedException {
        return EditParameters.addServiceAccounts(raw(SERVICE_ACCOUNTS, serviceAccounts, DESCRIPTION, description,
                METADATA, metadata, CREDENTIALS, credentials, DEPLOY_TO, deployTo));
    }
}
