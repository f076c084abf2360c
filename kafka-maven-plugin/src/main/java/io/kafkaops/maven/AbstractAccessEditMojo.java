package io.kafkaops.maven;

import static io.kafkaops.engine.edit.EditParameters.CONSUME;
import static io.kafkaops.engine.edit.EditParameters.GROUPS;
import static io.kafkaops.engine.edit.EditParameters.PREFIXED;
import static io.kafkaops.engine.edit.EditParameters.PRODUCE;
import static io.kafkaops.engine.edit.EditParameters.SERVICE_ACCOUNT;
import static io.kafkaops.engine.edit.EditParameters.TRANSACTIONAL_IDS;

import java.util.Map;
import org.apache.maven.plugins.annotations.Parameter;

/** The parameters of {@code kafka:grant} and {@code kafka:revoke}: a service account and the rights to give or take. */
abstract class AbstractAccessEditMojo extends AbstractEditMojo {

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

    /** The service account and rights given, keyed by property name; absent ones are left out. */
    protected Map<String, String> access() {
        return raw(SERVICE_ACCOUNT, serviceAccount, PRODUCE, produce, CONSUME, consume, GROUPS, groups,
                TRANSACTIONAL_IDS, transactionalIds, PREFIXED, prefixed);
    }
}
