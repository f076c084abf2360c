package io.kafkaops.engine.edit;

import static io.kafkaops.engine.edit.Workspace.SERVICE_ACCOUNTS;

import io.kafkaops.engine.edit.yaml.SourceFile;
import io.kafkaops.engine.edit.yaml.Value.ListValue;
import io.kafkaops.engine.edit.yaml.Value.MapValue;
import io.kafkaops.engine.edit.yaml.Value.Scalar;
import io.kafkaops.engine.edit.yaml.Value;
import io.kafkaops.model.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Carries out {@link EntityEdit.AddServiceAccounts}: new accounts appended to the list of the target file. */
final class AddServiceAccountsStep {

    private AddServiceAccountsStep() {
    }

    static void apply(EntityEdit.AddServiceAccounts a, EditSession s) {
        for (String name : a.names()) {
            s.ws.serviceAccount(name).ifPresent(found -> s.problems.add(Diagnostic.error(EditRules.DUPLICATE,
                    "service account '" + name + "' is already declared here", found.location("name"),
                    "choose another name, or edit the declaration")));
        }
        if (!s.problems.isEmpty()) return;
        List<Value> values = new ArrayList<>();
        for (String name : a.names()) {
            List<Map.Entry<String, Value>> e = new ArrayList<>();
            e.add(Map.entry("name", Scalar.string(name)));
            if (a.description() != null) e.add(Map.entry("description", Scalar.string(a.description())));
            if (a.credentials() != null) e.add(Map.entry("credentials", Scalar.typed(a.credentials().toString())));
            if (!a.metadata().isEmpty()) e.add(Map.entry("metadata", MapValue.ofTexts(a.metadata(), false)));
            if (a.deployTo() != null) e.add(Map.entry("deployTo", ListValue.ofStrings(a.deployTo())));
            values.add(new MapValue(e, false));
        }
        SourceFile f = s.appendEntities(SERVICE_ACCOUNTS, values);
        if (f != null) a.names().forEach(n -> s.summary.add("added service account " + n + " to " + f.displayName));
    }
}
