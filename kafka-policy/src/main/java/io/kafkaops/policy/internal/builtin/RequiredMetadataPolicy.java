package io.kafkaops.policy.internal.builtin;

import io.kafkaops.model.Origin;
import io.kafkaops.model.ServiceAccount;
import io.kafkaops.model.Topic;
import io.kafkaops.policy.PolicyConfigurationException;
import io.kafkaops.policy.PolicyContext;
import io.kafkaops.policy.PolicyParams;
import io.kafkaops.policy.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Topics and service accounts carry the metadata keys the platform requires ({@code topics: [keys]},
 * {@code serviceAccounts: [keys]}). A blank value counts as missing: {@code owner: ""} documents nothing.
 */
public final class RequiredMetadataPolicy extends BuiltInPolicy<RequiredMetadataPolicy.Config> {

    public static final String ID = "requiredMetadata";

    record Config(List<String> topics, List<String> serviceAccounts) {
        @Override
        public String toString() {
            return "topics=" + topics + ", serviceAccounts=" + serviceAccounts;
        }
    }

    public RequiredMetadataPolicy() {
        super(ID, false, "topics, serviceAccounts",
                "Topics and service accounts have non-blank values for the metadata keys listed in parameters "
                + "'topics' and 'serviceAccounts'.");
    }

    @Override
    Config config(PolicyParams params) {
        ParamRules.onlyKnown(params, "topics", "serviceAccounts");
        Config c = new Config(ParamRules.strings(ID, "topics", params.raw("topics")),
                ParamRules.strings(ID, "serviceAccounts", params.raw("serviceAccounts")));
        if (c.topics().isEmpty() && c.serviceAccounts().isEmpty()) {
            throw new PolicyConfigurationException("policy " + ID
                    + " needs the parameter 'topics' or 'serviceAccounts' (a list of metadata keys)");
        }
        return c;
    }

    @Override
    List<Violation> violations(PolicyContext context, Config config) {
        List<Violation> out = new ArrayList<>();
        if (!config.topics().isEmpty()) {
            for (Topic t : context.model().topics()) {
                check("topic", t.name(), t.metadata(), t.origin(), config.topics(), out);
            }
        }
        if (!config.serviceAccounts().isEmpty()) {
            for (ServiceAccount sa : context.model().serviceAccounts()) {
                // a service account's own description field counts as its "description" metadata
                java.util.Map<String, String> metadata = sa.metadata();
                if (sa.description() != null && !sa.description().isBlank() && !metadata.containsKey("description")) {
                    metadata = new java.util.HashMap<>(metadata);
                    metadata.put("description", sa.description());
                }
                check("service account", sa.name(), metadata, sa.origin(), config.serviceAccounts(), out);
            }
        }
        return out;
    }

    private static void check(String kind, String name, Map<String, String> metadata, Origin origin,
                              List<String> required, List<Violation> out) {
        List<String> missing = null;
        for (String key : required) {
            String v = metadata.get(key);
            if (v == null || v.isBlank()) {
                if (missing == null) missing = new ArrayList<>();
                missing.add(key);
            }
        }
        if (missing == null) return;
        StringBuilder example = new StringBuilder();
        for (String key : missing) example.append(example.length() == 0 ? "" : ", ").append(key).append(": ...");
        out.add(new Violation(
                kind + " '" + name + "' lacks required metadata: " + Texts.join(missing),
                origin.at("metadata"),
                "add " + (missing.size() == 1 ? "it" : "them") + " with a non-blank value: metadata: { " + example
                        + " }"));
    }
}
