package io.kafkaops.engine.edit;

import static io.kafkaops.engine.edit.Workspace.ACLS;
import static io.kafkaops.engine.edit.Workspace.GRANTS;
import static io.kafkaops.engine.edit.Workspace.SERVICE_ACCOUNTS;
import static io.kafkaops.engine.edit.Workspace.TOPICS;

import io.kafkaops.engine.edit.yaml.SourceFile;
import io.kafkaops.engine.edit.yaml.Value;
import io.kafkaops.engine.edit.yaml.Value.ListValue;
import io.kafkaops.engine.edit.yaml.Value.MapValue;
import io.kafkaops.engine.edit.yaml.Value.Scalar;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Plural;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Carries out {@link EntityEdit.Import}: every kind appended to its list in the target file, as the other steps add
 * entities, so the files look as if the entity goals had written them. Entities declared already are problems: an
 * import adds, it never changes what the files say.
 */
final class ImportStep {

    private ImportStep() {
    }

    static void apply(EntityEdit.Import a, EditSession s) {
        for (String name : a.topics().keySet()) {
            s.ws.topic(name).ifPresent(found -> s.problems.add(Diagnostic.error(EditRules.DUPLICATE,
                    "topic '" + name + "' is already declared here", found.location("name"),
                    "an import adds only what the files do not declare yet")));
        }
        for (String name : a.serviceAccounts().keySet()) {
            s.ws.serviceAccount(name).ifPresent(found -> s.problems.add(Diagnostic.error(EditRules.DUPLICATE,
                    "service account '" + name + "' is already declared here", found.location("name"),
                    "an import adds only what the files do not declare yet")));
        }
        if (!s.problems.isEmpty()) return;

        if (!a.topics().isEmpty()) {
            List<Value> values = new ArrayList<>();
            a.topics().forEach((name, settings) -> values.add(AddTopicsStep.topicValue(name, settings)));
            added(s, s.appendEntities(TOPICS, values), a.topics().size(), "topic");
        }
        if (!a.serviceAccounts().isEmpty()) {
            List<Value> values = new ArrayList<>();
            a.serviceAccounts().forEach((name, credentials) -> {
                List<Map.Entry<String, Value>> e = new ArrayList<>();
                e.add(Map.entry("name", Scalar.string(name)));
                if (credentials != null) e.add(Map.entry("credentials", Scalar.typed(credentials.toString())));
                values.add(new MapValue(e, false));
            });
            added(s, s.appendEntities(SERVICE_ACCOUNTS, values), a.serviceAccounts().size(), "service account");
        }
        if (!a.grants().isEmpty()) {
            List<Value> values = new ArrayList<>();
            a.grants().forEach((account, access) -> {
                List<Map.Entry<String, Value>> e = new ArrayList<>();
                e.add(Map.entry("serviceAccount", Scalar.string(account)));
                for (String key : Access.KEYS) {
                    List<Access.Resource> items = access.get(key);
                    if (!items.isEmpty()) e.add(Map.entry(key, new ListValue(GrantEntries.values(items), null)));
                }
                values.add(new MapValue(e, false));
            });
            added(s, s.appendEntities(GRANTS, values), a.grants().size(), "grant");
        }
        if (!a.acls().isEmpty()) {
            List<Value> values = new ArrayList<>();
            for (EntityEdit.ImportedAcl acl : a.acls()) values.add(new Value.Commented(acl.reason(), aclValue(acl)));
            added(s, s.appendEntities(ACLS, values), a.acls().size(), "raw ACL");
        }
    }

    private static Value aclValue(EntityEdit.ImportedAcl acl) {
        List<Map.Entry<String, Value>> e = new ArrayList<>();
        e.add(Map.entry("principal", Scalar.string(acl.principal())));
        e.add(Map.entry("resourceType", Scalar.string(acl.resourceType())));
        e.add(Map.entry("resourceName", Scalar.string(acl.resourceName())));
        if (!"LITERAL".equals(acl.patternType())) e.add(Map.entry("patternType", Scalar.string(acl.patternType())));
        e.add(Map.entry("operation", Scalar.string(acl.operation())));
        if (!"ALLOW".equals(acl.permission())) e.add(Map.entry("permission", Scalar.string(acl.permission())));
        if (!"*".equals(acl.host())) e.add(Map.entry("host", Scalar.string(acl.host())));
        return new MapValue(e, false);
    }

    private static void added(EditSession s, SourceFile f, int count, String noun) {
        if (f != null) s.summary.add("added " + Plural.of(count, noun) + " to " + f.displayName);
    }
}
