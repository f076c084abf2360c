package io.kafkaops.policy.internal.builtin;

import io.kafkaops.policy.PolicyContext;
import java.util.List;

/** Logical service-account names match the platform's pattern ({@code pattern}, optional {@code hint}). */
public final class ServiceAccountNamingPolicy extends NamingPolicy {

    public static final String ID = "serviceAccountNaming";

    public ServiceAccountNamingPolicy() {
        super(ID, "Logical service-account names match the regular expression in parameter 'pattern'.");
    }

    @Override
    String kind() {
        return "service account";
    }

    @Override
    List<Named> entities(PolicyContext context) {
        return context.model().serviceAccounts().stream().map(s -> new Named(s.name(), s.origin())).toList();
    }
}
