package io.kafkaops.engine.edit;

import static io.kafkaops.engine.edit.Workspace.ACLS;
import static io.kafkaops.engine.edit.Workspace.GRANTS;
import static io.kafkaops.engine.edit.Workspace.SERVICE_ACCOUNTS;
import static io.kafkaops.engine.edit.Workspace.TOPICS;

import io.kafkaops.engine.edit.yaml.SourceFile;
import io.kafkaops.engine.edit.yaml.Surgery;
import io.kafkaops.engine.edit.yaml.YamlNodes;
import io.kafkaops.engine.edit.yaml.YamlText;
import io.kafkaops.engine.edit.yaml.Value;
import io.kafkaops.engine.edit.yaml.Value.ListValue;
import io.kafkaops.engine.edit.yaml.Value.MapValue;
import io.kafkaops.engine.edit.yaml.Value.Scalar;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Plural;
import java.util.ArrayList;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
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
        SourceFile host = null;
        if (!a.grants().isEmpty()) {
            List<Value> values = new ArrayList<>();
            int appended = 0;
            for (Map.Entry<String, Access> g : a.grants().entrySet()) {
                String account = g.getKey();
                Access access = g.getValue();
                if (!s.ws.grants(account).isEmpty()) {
                    // merging: an account with a grant entry gets the rights added to it, as kafka:grant does
                    GrantStep.apply(new EntityEdit.Grant(List.of(account), access), s);
                    continue;
                }
                appended++;
                List<Map.Entry<String, Value>> e = new ArrayList<>();
                e.add(Map.entry("serviceAccount", Scalar.string(account)));
                for (String key : Access.KEYS) {
                    List<Access.Resource> items = access.get(key);
                    if (!items.isEmpty()) e.add(Map.entry(key, new ListValue(GrantEntries.values(items), null)));
                }
                values.add(new MapValue(e, false));
            }
            host = values.isEmpty() ? null : s.appendEntities(GRANTS, values);
            added(s, host, appended, "grant");
        }
        if (!a.acls().isEmpty()) {
            List<Value> values = new ArrayList<>();
            for (EntityEdit.ImportedAcl acl : a.acls()) values.add(new Value.Commented(acl.reason(), aclValue(acl)));
            SourceFile f = s.appendEntities(ACLS, values);
            added(s, f, a.acls().size(), "raw ACL");
            if (host == null) host = f;
        }
        if (host != null && !a.externalTopics().isEmpty()) external(s, host, a.externalTopics());
    }

    /** {@code external: {topics: [...]}} at the end of the grants file, unless some file has an external section. */
    private static void external(EditSession s, SourceFile f, List<String> topics) {
        for (SourceFile other : s.ws.files()) {
            for (Node doc : other.yaml().documents()) {
                if (doc instanceof MappingNode root && YamlNodes.entry(root, "external") != null) {
                    s.summary.add("list " + String.join(", ", topics) + " under external.topics by hand: the files"
                            + " have an external section already");
                    return;
                }
            }
        }
        YamlText t = f.yaml();
        MappingNode root = (MappingNode) t.documents().get(t.documents().size() - 1);
        f.set(Surgery.addTopLevelEntry(t, root, "external", new MapValue(List.of(Map.entry("topics",
                ListValue.ofStrings(topics))), false), s.ws.renderer(f)));
        s.summary.add("listed " + Plural.of(topics.size(), "topic") + " of other repositories under external.topics"
                + " in " + f.displayName);
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
