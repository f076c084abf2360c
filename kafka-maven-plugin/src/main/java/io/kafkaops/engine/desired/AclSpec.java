package io.kafkaops.engine.desired;

import io.kafkaops.model.AclEntry;
import java.util.Comparator;

/**
 * One ACL binding with physical names. Enum-like fields are Kafka's names as strings, so bindings the model has no
 * constant for (read from a newer broker) still round-trip.
 */
public record AclSpec(
        String principal,
        String resourceType,
        String resourceName,
        String patternType,
        String operation,
        String permission,
        String host) {

    public static final Comparator<AclSpec> ORDER = Comparator.comparing(AclSpec::key);

    public static AclSpec of(AclEntry e) {
        return new AclSpec(e.principal(), e.resourceType().name(), e.resourceName(), e.patternType().name(),
                e.operation().name(), e.permission().name(), e.host());
    }

    /** The binding a {@link #key()} describes, or null when the text is not a binding key. */
    public static AclSpec parseKey(String key) {
        String[] p = key.split("\\|", -1);
        if (p.length != 7) return null;
        return new AclSpec(p[0], p[1], p[3], p[2], p[4], p[5], p[6]);
    }

    /** The binding as one string, the same layout as {@link AclEntry#key()}; identifies it in ownership records. */
    public String key() {
        return principal + "|" + resourceType + "|" + patternType + "|" + resourceName + "|" + operation + "|"
                + permission + "|" + host;
    }

    /** {@code ALLOW User:dev.billing-service WRITE on TOPIC dev.billing.invoices.v1} */
    public String display() {
        // the pattern type in words: "TOPIC dev.billing.*" would read as a wildcard, which Kafka does not have
        return permission + " " + principal + " " + operation + " on " + resourceType + " "
                + ("PREFIXED".equals(patternType) ? "PREFIXED " : "") + resourceName
                + ("*".equals(host) ? "" : " from " + host);
    }
}
