package io.kafkaops.engine.plan;

import io.kafkaops.engine.ownership.OwnershipRecord;
import io.kafkaops.engine.state.ClusterState;
import io.kafkaops.engine.state.CurrentTopic;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A SHA-256 over the current state of every entity a plan names (declared, owned or in conflict): topics with their
 * partitions, replication factor and topic-level configs, SCRAM users with their mechanisms, ACL bindings, and the
 * ownership record of each. A deploy recomputes it before applying a saved plan and refuses the plan when it differs.
 * Entities the plan does not name are left out on purpose: another repository deploying its own topics to the same
 * stage must not invalidate this repository's reviewed plan.
 */
public final class StateFingerprint {

    private StateFingerprint() {
    }

    public static String compute(Collection<PlannedChange> changes, ClusterState state) {
        Set<String> acls = state.aclKeys();
        List<String> lines = new ArrayList<>(changes.size() * 2);
        for (PlannedChange c : changes) {
            switch (c.kind()) {
                case TOPIC -> {
                    CurrentTopic t = state.topics().get(c.name());
                    lines.add("topic:" + c.name() + "=" + (t == null ? "absent" : t.canonical()));
                }
                case SERVICE_ACCOUNT, CREDENTIAL -> {
                    Set<String> mechanisms = state.scramUsers().get(c.name());
                    lines.add("scram:" + c.name() + "=" + (mechanisms == null ? "absent" : new TreeSet<>(mechanisms)));
                }
                case ACL -> lines.add("acl:" + c.name() + "=" + (acls.contains(c.name()) ? "present" : "absent"));
            }
            OwnershipRecord r = state.ownership().get(c.ownershipKey());
            lines.add("owner:" + c.ownershipKey() + "=" + (r == null ? "none" : r.canonical()));
        }
        // the distinct lines in order, joined by newlines: sorting a list and hashing line by line gives the same
        // digest as a sorted set joined into one string, without the tree or the string of every line
        lines.sort(null);
        MessageDigest md = Hashing.sha256();
        String previous = null;
        for (String line : lines) {
            if (line.equals(previous)) continue;
            if (previous != null) md.update((byte) '\n');
            md.update(line.getBytes(StandardCharsets.UTF_8));
            previous = line;
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
