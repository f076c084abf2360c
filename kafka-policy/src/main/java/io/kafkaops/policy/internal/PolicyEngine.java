package io.kafkaops.policy.internal;

import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Location;
import io.kafkaops.model.Severity;
import io.kafkaops.model.Suggestions;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.model.platform.PolicyConfig;
import io.kafkaops.model.platform.PolicyLevel;
import io.kafkaops.policy.Policy;
import io.kafkaops.policy.PolicyConfigurationException;
import io.kafkaops.policy.PolicyContext;
import io.kafkaops.policy.PolicyParams;
import io.kafkaops.policy.Violation;
import io.kafkaops.policy.internal.builtin.TopicVisibilityPolicy;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Runs the policies over a repo's desired state. Built-in policies come from {@link BuiltInPolicies}, custom ones
 * from {@link ServiceLoader}; the platform definition switches each on or off and sets its level and parameters.
 * Everything wrong with the policy setup is reported at once in one {@link PolicyConfigurationException}; everything
 * wrong with the repo comes back as diagnostics, sorted by place. A policy that crashes becomes one
 * {@value #POLICY_FAILURE} error instead of a stack trace.
 */
public final class PolicyEngine {

    /** Rule id of the diagnostic reported when a policy throws instead of returning violations. */
    public static final String POLICY_FAILURE = "policyFailure";

    static final String SERVICES_FILE = "META-INF/services/" + Policy.class.getName();

    private static final Pattern POLICY_ID = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");
    /** Broken services entries after which loading stops, so a pathological classpath cannot loop forever. */
    private static final int MAX_LOAD_ERRORS = 100;
    /** The built-in policies that read {@link PolicyContext#knownTopics()}. */
    private static final Set<String> CLUSTER_POLICIES = Set.of(TopicVisibilityPolicy.ID);
    private static final Set<String> BUILT_IN = Set.copyOf(BuiltInPolicies.ids());

    private PolicyEngine() {
    }

    /** Runs the built-in policies and every custom one the class loader finds. */
    public static List<Diagnostic> evaluate(PolicyContext context, ClassLoader classLoader) {
        return evaluate(context, policies(classLoader));
    }

    /**
     * Runs the given policies as the platform definition configures them.
     *
     * @throws PolicyConfigurationException listing every broken policy configuration
     */
    public static List<Diagnostic> evaluate(PolicyContext context, List<Policy> policies) {
        return evaluate(context, policies, p -> true);
    }

    /**
     * Runs the policies that need the cluster: those that read {@link PolicyContext#knownTopics()}, so have more to
     * say once a cluster's ownership records are known. Of the built-in ones that is topicVisibility; custom policies
     * may read them too (the API offers them), so every custom policy runs again as well. The other built-in policies
     * only look at the files, and a run without the cluster already reported what they find.
     *
     * @throws PolicyConfigurationException listing every broken policy configuration
     */
    public static List<Diagnostic> evaluateClusterPolicies(PolicyContext context, ClassLoader classLoader) {
        return evaluate(context, policies(classLoader), PolicyEngine::needsCluster);
    }

    /** Whether a policy has more to say with the cluster's ownership records: see {@link #evaluateClusterPolicies}. */
    public static boolean needsCluster(Policy policy) {
        return CLUSTER_POLICIES.contains(policy.id()) || !BUILT_IN.contains(policy.id());
    }

    /**
     * Runs those of the given policies the filter selects, as the platform definition configures them; the
     * configuration of every given policy is checked.
     *
     * @throws PolicyConfigurationException listing every broken policy configuration
     */
    public static List<Diagnostic> evaluate(PolicyContext context, List<Policy> policies,
                                            Predicate<Policy> which) {
        List<ActivePolicy> active = activePolicies(context.platform(), policies);
        List<Diagnostic> out = new ArrayList<>();
        List<Diagnostic> configProblems = new ArrayList<>();
        Location fallback = new Location(context.model().files().isEmpty()
                ? "src/main/kafka" : context.model().files().get(0), 1, 1);
        for (ActivePolicy a : active) {
            Policy p = a.policy();
            if (!which.test(p)) continue;
            List<Violation> violations;
            try {
                violations = p.evaluate(context, a.params());
            } catch (PolicyConfigurationException e) {
                configProblems.addAll(problems(e, p.id(), a.location(), context.platform()));
                continue;
            } catch (RuntimeException | LinkageError e) {
                out.add(failure(p, e, a.location()));
                continue;
            }
            if (violations == null) continue;
            Severity severity = a.level().severity();
            for (Violation v : violations) {
                if (v == null) continue;
                out.add(new Diagnostic(severity, p.id(), v.message() == null ? "(no message)" : v.message(),
                        v.location() != null ? v.location() : fallback, v.hint()));
            }
        }
        if (!configProblems.isEmpty()) {
            configProblems.sort(Diagnostic.ORDER);
            throw new PolicyConfigurationException(configProblems);
        }
        out.sort(Diagnostic.ORDER);
        return out;
    }

    /**
     * The built-in policies followed by the custom ones {@link ServiceLoader} finds through the class loader.
     *
     * @throws PolicyConfigurationException when a custom policy cannot be loaded, has no usable id, or reuses the id
     *                                      of another policy
     */
    public static List<Policy> policies(ClassLoader classLoader) {
        List<Policy> all = new ArrayList<>(BuiltInPolicies.all());
        Map<String, Policy> byId = new HashMap<>();
        for (Policy p : all) byId.put(p.id(), p);
        Set<String> builtIn = Set.copyOf(byId.keySet());
        List<Diagnostic> problems = new ArrayList<>();
        Iterator<Policy> it = ServiceLoader.load(Policy.class, classLoader).iterator();
        int errors = 0;
        while (errors < MAX_LOAD_ERRORS) {
            Policy p;
            try {
                if (!it.hasNext()) break;
                p = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                errors++;
                problems.add(Diagnostic.error(PolicyConfigurationException.RULE_ID,
                        "a custom policy could not be loaded: " + e.getMessage(), Location.ofFile(SERVICES_FILE),
                        "check the class names in " + SERVICES_FILE + " of the policy jar, that each class is public "
                                + "with a public no-argument constructor, and that the jar's dependencies are plugin "
                                + "dependencies too"));
                continue;
            }
            String id;
            try {
                id = p.id();
            } catch (RuntimeException e) {
                id = null;
            }
            Location where = codeSource(p.getClass());
            if (id == null || !POLICY_ID.matcher(id).matches()) {
                problems.add(Diagnostic.error(PolicyConfigurationException.RULE_ID, "custom policy "
                        + p.getClass().getName() + " has the id '" + id + "', which is not a usable rule id", where,
                        "return a lowerCamel id such as 'topicOwnerMetadata' from id()"));
                continue;
            }
            Policy clash = byId.putIfAbsent(id, p);
            if (clash != null) {
                problems.add(Diagnostic.error(PolicyConfigurationException.RULE_ID, "custom policy "
                        + p.getClass().getName() + " uses the id '" + id + "' of "
                        + (builtIn.contains(id) ? "a built-in policy" : "custom policy " + clash.getClass().getName()),
                        where, "give it an id of its own"));
                continue;
            }
            all.add(p);
        }
        if (!problems.isEmpty()) throw new PolicyConfigurationException(problems);
        return List.copyOf(all);
    }

    /**
     * The policies that run, with level and parameters, in the order given: those the platform definition
     * configures at ERROR or WARN, and those it does not mention that run by default. Checks every one's
     * parameters first.
     *
     * @throws PolicyConfigurationException listing every problem: broken parameters, unknown rules, a rule configured
     *                                      twice
     */
    public static List<ActivePolicy> activePolicies(PlatformDefinition platform, List<Policy> policies) {
        List<Diagnostic> problems = new ArrayList<>();
        Map<String, Policy> byId = new LinkedHashMap<>();
        for (Policy p : policies) {
            if (byId.putIfAbsent(p.id(), p) != null) {
                throw new IllegalArgumentException("two policies with the id '" + p.id() + "'");
            }
        }
        Map<String, PolicyConfig> configs = new HashMap<>();
        for (PolicyConfig c : platform.policies()) {
            Location where = location(c, platform);
            if (c.rule() == null || !byId.containsKey(c.rule())) {
                String suggestion = c.rule() == null ? null : Suggestions.didYouMean(c.rule(), byId.keySet());
                problems.add(Diagnostic.error(PolicyConfigurationException.RULE_ID,
                        "unknown policy '" + c.rule() + "'", where,
                        (suggestion != null ? suggestion + " " : "") + "Known policies: " + String.join(", ",
                                byId.keySet())));
                continue;
            }
            PolicyConfig first = configs.putIfAbsent(c.rule(), c);
            if (first != null) {
                problems.add(Diagnostic.error(PolicyConfigurationException.RULE_ID, "policy " + c.rule()
                        + " is configured twice (first at " + location(first, platform) + ")", where,
                        "merge the two entries into one"));
            }
        }
        List<ActivePolicy> active = new ArrayList<>();
        for (Policy p : byId.values()) {
            PolicyConfig c = configs.get(p.id());
            PolicyLevel level = c != null ? c.level() : p.enabledByDefault() ? PolicyLevel.ERROR : PolicyLevel.OFF;
            if (level == PolicyLevel.OFF) continue;
            PolicyParams params = new PolicyParams(p.id(), c == null ? Map.of() : c.params());
            Location where = c != null ? location(c, platform) : platformFile(platform);
            try {
                p.checkParams(params);
            } catch (PolicyConfigurationException e) {
                problems.addAll(problems(e, p.id(), where, platform));
                continue;
            } catch (RuntimeException | LinkageError e) {
                problems.add(Diagnostic.error(PolicyConfigurationException.RULE_ID, "policy " + p.id() + " ("
                        + p.getClass().getName() + ") failed while checking its parameters: " + describe(e), where,
                        "check the parameters against the policy's documentation, or set its level to OFF"));
                continue;
            }
            active.add(new ActivePolicy(p, level, params, where));
        }
        if (!problems.isEmpty()) {
            problems.sort(Diagnostic.ORDER);
            throw new PolicyConfigurationException(problems);
        }
        return List.copyOf(active);
    }

    private static Collection<Diagnostic> problems(PolicyConfigurationException e, String id, Location where,
                                                   PlatformDefinition platform) {
        if (!e.problems().isEmpty()) return e.problems();
        return List.of(Diagnostic.error(PolicyConfigurationException.RULE_ID, e.getMessage(), where,
                "fix the entry 'rule: " + id + "' under policies in " + platformFile(platform).file()));
    }

    private static Diagnostic failure(Policy p, Throwable e, Location where) {
        return Diagnostic.error(POLICY_FAILURE,
                "policy " + p.id() + " (" + p.getClass().getName() + ") failed: " + describe(e), where,
                "this is a bug in the policy, not in your Kafka files: report it to the maintainers of "
                        + p.getClass().getName() + ", or set its level to OFF in the platform definition meanwhile");
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static Location location(PolicyConfig c, PlatformDefinition platform) {
        return c.location() != null ? c.location() : platformFile(platform);
    }

    private static Location platformFile(PlatformDefinition platform) {
        return new Location(platform.source() != null ? platform.source() : "platform definition", 1, 1);
    }

    private static Location codeSource(Class<?> type) {
        CodeSource cs = type.getProtectionDomain() == null ? null : type.getProtectionDomain().getCodeSource();
        URL url = cs == null ? null : cs.getLocation();
        return Location.ofFile(url != null ? url.getPath() : SERVICES_FILE);
    }
}
