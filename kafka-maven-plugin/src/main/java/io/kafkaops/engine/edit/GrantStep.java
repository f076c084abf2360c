package io.kafkaops.engine.edit;

import static io.kafkaops.engine.edit.Workspace.GRANTS;

import io.kafkaops.engine.edit.Workspace.Item;
import io.kafkaops.engine.edit.yaml.SourceFile;
import io.kafkaops.engine.edit.yaml.Value.ListValue;
import io.kafkaops.engine.edit.yaml.Value.MapValue;
import io.kafkaops.engine.edit.yaml.Value.Scalar;
import io.kafkaops.engine.edit.yaml.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Carries out {@link EntityEdit.Grant}: the rights a service account lacks are added to its first grant entry, or a
 * new grant entry is appended when it has none; rights it already has are reported and left as they are.
 */
final class GrantStep {

    private GrantStep() {
    }

    static void apply(EntityEdit.Grant g, EditSession s) {
        GrantEntries grants = new GrantEntries(s.ws);
        for (String sa : g.serviceAccounts()) {
            List<String> added = new ArrayList<>();
            List<String> had = new ArrayList<>();
            List<Item> entries = s.ws.grants(sa);
            if (entries.isEmpty()) {
                List<Map.Entry<String, Value>> e = new ArrayList<>();
                e.add(Map.entry("serviceAccount", Scalar.string(sa)));
                for (String key : Access.KEYS) {
                    List<Access.Resource> items = g.access().get(key);
                    if (!items.isEmpty()) e.add(Map.entry(key, new ListValue(GrantEntries.values(items), null)));
                }
                SourceFile f = s.appendEntities(GRANTS, List.of(new MapValue(e, false)));
                if (f != null) s.summary.add("granted " + sa + ": " + g.access().describe() + " (new grant in "
                        + f.displayName + ")");
                continue;
            }
            if (s.anchored(entries.get(0), "the grant for '" + sa + "'")) continue;
            for (String key : Access.KEYS) {
                List<Access.Resource> wanted = new ArrayList<>();
                for (Access.Resource res : g.access().get(key)) {
                    if (grants.find(sa, key, res).isPresent()) had.add(key + " " + res);
                    else {
                        wanted.add(res);
                        added.add(key + " " + res);
                    }
                }
                if (!wanted.isEmpty()) grants.extend(s.ws.grants(sa).get(0), key, wanted);
            }
            Item first = s.ws.grants(sa).get(0);
            if (!added.isEmpty()) {
                s.summary.add("granted " + sa + ": " + String.join(", ", added) + " (extended the grant at "
                        + first.location("serviceAccount") + ")");
            }
            if (!had.isEmpty()) s.summary.add(sa + " already had " + String.join(", ", had));
        }
    }
}
