package io.kafkaops.maven;

import static io.kafkaops.engine.edit.EditParameters.SERVICE_ACCOUNTS;
import static io.kafkaops.engine.edit.EditParameters.TOPICS;

import io.kafkaops.engine.edit.EditParameters;
import io.kafkaops.engine.edit.EditRejectedException;
import io.kafkaops.engine.edit.EntityEdit;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Removes topics and service accounts from the files, with what exists only for them: the grants and raw ACLs of a
 * removed service account, and grant items naming a removed topic by its literal name (a grant left without rights
 * goes too). A raw ACL of another principal on a removed topic, or a grant prefix that would then match no topic,
 * stops the request with a diagnostic: those need a person's decision. Whether the cluster deletes the entities is
 * up to the stage (allowDeletes) and the topic (protected) at deploy time.
 */
@Mojo(name = "remove", requiresProject = true, threadSafe = true)
public class RemoveMojo extends AbstractEditMojo {

    /** The logical names of the topics to remove, comma-separated. */
    @Parameter(property = TOPICS)
    private String topics;

    /** The logical names of the service accounts to remove, comma-separated. */
    @Parameter(property = SERVICE_ACCOUNTS)
    private String serviceAccounts;

    @Override
    protected EntityEdit edit() throws EditRejectedException {
        return EditParameters.remove(raw(TOPICS, topics, SERVICE_ACCOUNTS, serviceAccounts));
    }
}
