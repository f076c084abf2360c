package io.kafkaops.engine.edit;

import static io.kafkaops.engine.edit.Workspace.GRANTS;

import io.kafkaops.engine.edit.Workspace.Item;
import io.kafkaops.model.Diagnostic;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Carries out {@link EntityEdit.Revoke}: every named right must be in a grant of the service account; each is taken
 * out, and a grant left without rights goes.
 */
final class RevokeStep {

    private RevokeStep() {
    }

    static void apply(EntityEdit.Revoke rv, EditSession s) {
        GrantEntries grants = new GrantEntries(s.ws);
        Set<String> withGrants = new LinkedHashSet<>();
        for (Item i : s.ws.items(GRANTS)) withGrants.add(i.field("serviceAccount"));
        for (String sa : rv.serviceAccounts()) {
            if (!withGrants.contains(sa)) {
                s.problems.add(Diagnostic.error(EditRules.UNKNOWN_ENTITY, "-D" + EditParameters.SERVICE_ACCOUNT
                                + " names '" + sa + "', which has no grant in this repository",
                        EditParameters.COMMAND_LINE,
                        EditSession.hint(sa, withGrants, "service accounts with grants: "
                                + EditSession.listed(withGrants))));
                continue;
            }
            for (String key : Access.KEYS) {
                for (Access.Resource res : rv.access().get(key)) {
                    if (grants.find(sa, key, res).isEmpty()) {
                        s.problems.add(Diagnostic.error(EditRules.NOT_GRANTED, "'" + sa + "' has no " + key + " '"
                                        + res + "' to revoke", s.ws.grants(sa).get(0).location("serviceAccount"),
                                "its grant lists " + grants.describe(sa)));
                    }
                }
            }
            for (Item entry : s.ws.grants(sa)) s.anchored(entry, "the grant for '" + sa + "'");
        }
        if (!s.problems.isEmpty()) return;
        for (String sa : rv.serviceAccounts()) {
            boolean entryRemoved = false;
            for (String key : Access.KEYS) {
                for (Access.Resource res : rv.access().get(key)) {
                    entryRemoved |= grants.remove(grants.find(sa, key, res).orElseThrow(), key);
                }
            }
            s.summary.add("revoked from " + sa + ": " + rv.access().describe()
                    + (entryRemoved ? " (its grant had nothing left and was removed)" : ""));
        }
    }
}
