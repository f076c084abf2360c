package io.kafkaops.policy.internal.builtin;

import io.kafkaops.policy.PolicyContext;
import java.util.List;

/** Logical topic names match the platform's pattern ({@code pattern}, optional {@code hint}). */
public final class TopicNamingPolicy extends NamingPolicy {

    public static final String ID = "topicNaming";

    public TopicNamingPolicy() {
        super(ID, "Logical topic names match the regular expression in parameter 'pattern'.");
    }

    @Override
    String kind() {
        return "topic";
    }

    @Override
    List<Named> entities(PolicyContext context) {
        return context.model().topics().stream().map(t -> new Named(t.name(), t.origin())).toList();
    }
}
