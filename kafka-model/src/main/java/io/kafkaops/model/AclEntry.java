package io.kafkaops.model;

/**
 * One ACL binding the repo wants, with logical names (stage prefixes are applied when a stage is resolved). Its
 * {@code origin} is the grant entry or raw ACL it came from.
 */
public record AclEntry(
        String principal,
        AclResourceType resourceType,
        String resourceName,
        PatternType patternType,
        AclOperation operation,
        AclPermission permission,
        String host,
        Origin origin) {

    /** The binding without its origin, for set comparisons. */
    public String key() {
        return principal + "|" + resourceType + "|" + patternType + "|" + resourceName + "|" + operation + "|"
                + permission + "|" + host;
    }

    @Override
    public String toString() {
        return permission + " " + principal + " " + operation + " on " + resourceType + " "
                + (patternType == PatternType.PREFIXED ? resourceName + "*" : resourceName)
                + ("*".equals(host) ? "" : " from " + host);
    }
}
