package io.kafkaops.model;

/**
 * An ACL binding written by hand: the escape hatch for what grants cannot say. Policed harder than grants.
 *
 * @param principal    {@code User:<service account>} with the logical service-account name, or {@code User:*}
 *                     (rejected by the rawAcl policy)
 * @param resourceName the logical resource name ({@code *} is a wildcard, rejected by the rawAcl policy)
 */
public record RawAcl(
        String principal,
        AclResourceType resourceType,
        String resourceName,
        PatternType patternType,
        AclOperation operation,
        AclPermission permission,
        String host,
        Origin origin) {

    public RawAcl {
        patternType = patternType == null ? PatternType.LITERAL : patternType;
        permission = permission == null ? AclPermission.ALLOW : permission;
        host = host == null ? "*" : host;
        origin = origin == null ? Origin.unknown() : origin;
    }

    /** The service-account name in {@code User:<name>}, or the principal as written if it has another form. */
    public String serviceAccount() {
        return principal.startsWith("User:") ? principal.substring("User:".length()) : principal;
    }
}
