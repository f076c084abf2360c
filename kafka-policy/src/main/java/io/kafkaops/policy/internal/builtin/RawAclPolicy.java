package io.kafkaops.policy.internal.builtin;

import io.kafkaops.model.AclOperation;
import io.kafkaops.model.AclPermission;
import io.kafkaops.model.AclResourceType;
import io.kafkaops.model.PatternType;
import io.kafkaops.model.RawAcl;
import io.kafkaops.policy.PolicyContext;
import io.kafkaops.policy.PolicyParams;
import io.kafkaops.policy.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * Raw ACL bindings are the escape hatch and get policed harder than grants: no wildcard principal or resource, no
 * operation ALL, no very short prefixes, no CLUSTER resource unless {@code allowCluster: true}. DENY bindings only
 * take rights away, so only the wildcard principal (which would deny every other team) is checked on them.
 */
public final class RawAclPolicy extends BuiltInPolicy<RawAclPolicy.Config> {

    public static final String ID = "rawAcl";
    static final int DEFAULT_MIN_PREFIX_LENGTH = 3;

    record Config(boolean allowCluster, int minPrefixLength) {
    }

    public RawAclPolicy() {
        super(ID, true, "allowCluster=false, minPrefixLength=" + DEFAULT_MIN_PREFIX_LENGTH + " unless set",
                "Raw ACLs name one service account (no User:*), no wildcard resource, no operation ALL, no prefix "
                + "shorter than 'minPrefixLength' (3), and no CLUSTER resource unless 'allowCluster' is true.");
    }

    @Override
    Config config(PolicyParams params) {
        ParamRules.onlyKnown(params, "allowCluster", "minPrefixLength");
        return new Config(params.bool("allowCluster").orElse(false),
                ParamRules.atLeast(ID, "minPrefixLength", params.raw("minPrefixLength"), 1)
                        .map(Long::intValue).orElse(DEFAULT_MIN_PREFIX_LENGTH));
    }

    @Override
    List<Violation> violations(PolicyContext context, Config config) {
        List<Violation> out = new ArrayList<>();
        for (RawAcl acl : context.model().acls()) {
            String principal = acl.principal() == null ? "" : acl.principal();
            if (principal.equals("*") || principal.endsWith(":*")) {
                out.add(new Violation("raw ACL for principal " + principal + " applies to every principal, "
                        + "including other teams' service accounts", acl.origin().at("principal"),
                        "name one service account: principal: User:<service account>"));
            } else if (!principal.startsWith("User:")) {
                out.add(new Violation("raw ACL principal '" + principal + "' is not of the form User:<service "
                        + "account>", acl.origin().at("principal"), "write principal: User:<service account>"));
            }
            if (acl.permission() == AclPermission.DENY) continue;
            String name = acl.resourceName() == null ? "" : acl.resourceName();
            if (acl.resourceType() == AclResourceType.CLUSTER) {
                if (!config.allowCluster()) {
                    out.add(new Violation("raw ACL on the CLUSTER resource (" + acl.operation() + ") gives "
                            + "cluster-wide rights, which the platform does not allow", acl.origin().at("resourceType"),
                            "ask the platform team; only it can set allowCluster: true for policy " + ID));
                }
            } else if (name.equals("*")) {
                out.add(new Violation("raw ACL on every " + acl.resourceType() + " (resource name *)",
                        acl.origin().at("resourceName"), "name the resource, or a prefix of your own namespace "
                                + "with patternType: PREFIXED"));
            } else if (acl.patternType() == PatternType.PREFIXED && name.length() < config.minPrefixLength()) {
                out.add(new Violation("raw ACL prefix '" + name + "' is shorter than " + config.minPrefixLength()
                        + " characters and so covers almost every " + acl.resourceType(),
                        acl.origin().at("resourceName"), "use a longer prefix, ideally your team's whole prefix"));
            }
            if (acl.operation() == AclOperation.ALL) {
                out.add(new Violation("raw ACL grants operation ALL on " + acl.resourceType() + " '" + name + "'",
                        acl.origin().at("operation"), "list the operations the service needs (for topics usually "
                                + "READ, WRITE, DESCRIBE), one binding each; or use a grant"));
            }
        }
        return out;
    }
}
