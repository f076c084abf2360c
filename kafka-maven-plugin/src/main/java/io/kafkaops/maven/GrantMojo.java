package io.kafkaops.maven;

import static io.kafkaops.engine.edit.EditParameters.CONSUME;
import static io.kafkaops.engine.edit.EditParameters.GROUPS;
import static io.kafkaops.engine.edit.EditParameters.PREFIXED;
import static io.kafkaops.engine.edit.EditParameters.PRODUCE;
import static io.kafkaops.engine.edit.EditParameters.SERVICE_ACCOUNT;
import static io.kafkaops.engine.edit.EditParameters.TRANSACTIONAL_IDS;

import io.kafkaops.engine.edit.EditParameters;
import io.kafkaops.engine.edit.EditRejectedException;
import io.kafkaops.engine.edit.EntityEdit;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Gives service accounts rights: {@code mvn kafka:grant -Dkafka.serviceAccount=billing-service
 * -Dkafka.produce=billing.refunds.v1 -Dkafka.consume=toll.transactions.v1 -Dkafka.groups=billing-service}. A service
 * account with a grant entry has it extended (rights it already has are left alone); otherwise a new entry is
 * added. Nothing is written unless the result validates (topics must be declared or listed under external).
 */
@Mojo(name = "grant", requiresProject = true, threadSafe = true)
public class GrantMojo extends AbstractEditMojo {

    /** The service account (or several, comma-separated), by logical name. Required. */
    @Parameter(property = SERVICE_ACCOUNT)
    private String serviceAccount;

    /** Topics to produce to, comma-separated; a trailing {@code *} makes a name a prefix ({@code billing.*}). */
    @Parameter(property = PRODUCE)
    private String produce;

    /** Topics to consume, comma-separated; a trailing {@code *} makes a name a prefix. */
    @Parameter(property = CONSUME)
    private String consume;

    /** Consumer groups, comma-separated; a trailing {@code *} makes a name a prefix. */
    @Parameter(property = GROUPS)
    private String groups;

    /** Transactional ids, comma-separated; a trailing {@code *} makes a name a prefix. */
    @Parameter(property = TRANSACTIONAL_IDS)
    private String transactionalIds;

    /** {@code true}: every name given is a prefix ({@code {prefix: ...}} in the file). */
    @Parameter(property = PREFIXED)
    private String prefixed;

    @Override
    protected EntityEdit edit() throws EditRejectedException {
        return EditParameters.grant(raw(SERVICE_ACCOUNT, serviceAccount, PRODUCE, produce, CONSUME, consume, GROUPS,
                groups, TRANSACTIONAL_IDS, transactionalIds, PREFIXED, prefixed));
    }
}
