package io.kafkaops.bench.jikkou;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.streamthoughts.jikkou.api.template.JinjaResourceTemplateRenderer;
import io.streamthoughts.jikkou.core.ApiConfigurator;
import io.streamthoughts.jikkou.core.DefaultApi;
import io.streamthoughts.jikkou.core.JikkouApi;
import io.streamthoughts.jikkou.core.ReconciliationContext;
import io.streamthoughts.jikkou.core.ReconciliationMode;
import io.streamthoughts.jikkou.core.config.Configuration;
import io.streamthoughts.jikkou.core.exceptions.ValidationException;
import io.streamthoughts.jikkou.core.extension.ClassExtensionAliasesGenerator;
import io.streamthoughts.jikkou.core.extension.DefaultExtensionDescriptorFactory;
import io.streamthoughts.jikkou.core.extension.DefaultExtensionFactory;
import io.streamthoughts.jikkou.core.extension.DefaultExtensionRegistry;
import io.streamthoughts.jikkou.core.extension.ExtensionDescriptorRegistry;
import io.streamthoughts.jikkou.core.extension.ExtensionFactory;
import io.streamthoughts.jikkou.core.io.Jackson;
import io.streamthoughts.jikkou.core.io.ResourceLoaderFacade;
import io.streamthoughts.jikkou.core.io.ResourceLoaderInputs;
import io.streamthoughts.jikkou.core.io.writer.DefaultResourceWriter;
import io.streamthoughts.jikkou.core.io.writer.ResourceWriter;
import io.streamthoughts.jikkou.core.models.ApiChangeResultList;
import io.streamthoughts.jikkou.core.models.ApiResourceChangeList;
import io.streamthoughts.jikkou.core.models.HasItems;
import io.streamthoughts.jikkou.core.models.NamedValue;
import io.streamthoughts.jikkou.core.models.NamedValueSet;
import io.streamthoughts.jikkou.core.reconciler.ChangeResult;
import io.streamthoughts.jikkou.core.reconciler.SimpleResourceChangeFilter;
import io.streamthoughts.jikkou.core.resource.DefaultResourceRegistry;
import io.streamthoughts.jikkou.core.resource.ResourceRegistry;
import io.streamthoughts.jikkou.runtime.JikkouConfig;
import io.streamthoughts.jikkou.runtime.JikkouContext;
import io.streamthoughts.jikkou.runtime.configurator.ChangeReporterApiConfigurator;
import io.streamthoughts.jikkou.runtime.configurator.TransformationApiConfigurator;
import io.streamthoughts.jikkou.runtime.configurator.ValidationApiConfigurator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * {@code jikkou apply --files DIR} and {@code jikkou diff --files DIR} of Jikkou 0.34.0's CLI, without the CLI:
 * the same objects its Micronaut {@code BeanFactory} wires (the extension registry and factory, a
 * {@link JikkouContext} that loads the providers found by {@link java.util.ServiceLoader}, the API with the
 * validation, transformation and change-reporter configurators, the resource loader with the Jinja renderer), the
 * same calls its {@code ApplyResourceCommand} and {@code DiffCommand} make, and the same output (apply: the default
 * TEXT printer's TASK line and the change as pretty JSON per resource, then the summary, without ANSI colours; diff:
 * the default YAML of the changes, plus one line counting them on standard error). The configuration is the CLI's
 * {@code reference.conf} (copied into this project's resources, with its logback.xml) with the Kafka client
 * properties from a file, as {@code jikkou config set-context --config-props} would give them.
 *
 * <p>What differs from running the CLI: no Micronaut bean context, no picocli parsing and no banner; the CLI's
 * release binaries and Docker image are GraalVM native images (no JVM start, no JIT), this is a JVM (HotSpot, default
 * flags); only the Kafka provider is on the class path (the CLI also registers Aiven, Schema Registry and Kafka
 * Connect); kafka-clients 3.9.1 instead of the 3.6.1 Jikkou 0.34.0 brings (see pom.xml).
 *
 * <pre>
 * java -cp target/classes:$(cat target/runner.classpath) io.kafkaops.bench.jikkou.JikkouRunner \
 *     apply|diff DIR [PROPERTIES_FILE]
 * </pre>
 *
 * PROPERTIES_FILE holds configuration overrides such as {@code kafka.client.bootstrap.servers} (a file, so that
 * the SASL password of the cluster is not on a command line).
 *
 * Exit code 0 when every change succeeded (apply) or the diff was computed, 1 when a change failed, 2 on a
 * validation error, as the CLI.
 */
public final class JikkouRunner {

    private JikkouRunner() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || !Set.of("apply", "diff").contains(args[0])) {
            System.err.println("usage: JikkouRunner apply|diff DIR [PROPERTIES_FILE]");
            System.exit(64);
        }
        long start = System.currentTimeMillis();
        Map<String, Object> overrides = new LinkedHashMap<>();
        if (args.length > 2) {
            Properties props = new Properties();
            try (Reader r = java.nio.file.Files.newBufferedReader(Path.of(args[2]))) {
                props.load(r);
            }
            props.forEach((k, v) -> overrides.put((String) k, v));
        }
        // the CLI's GlobalConfigurationContext: the default context, reference.conf below the context's properties
        Configuration configuration = JikkouConfig.load(overrides);

        // the CLI's BeanFactory
        ExtensionDescriptorRegistry registry = new DefaultExtensionRegistry(new DefaultExtensionDescriptorFactory(),
                new ClassExtensionAliasesGenerator());
        ExtensionFactory factory = new DefaultExtensionFactory(registry, configuration);
        ResourceRegistry resources = new DefaultResourceRegistry();
        JikkouContext context = new JikkouContext(configuration, factory, resources);
        ApiConfigurator[] configurators = {
                new ValidationApiConfigurator(registry),
                new TransformationApiConfigurator(registry),
                new ChangeReporterApiConfigurator(registry)
        };
        @SuppressWarnings({"rawtypes", "unchecked"})
        JikkouApi api = context.createApi(new DefaultApi.Builder(context.getExtensionFactory(),
                context.getResourceRegistry()), configurators);
        ResourceLoaderFacade loader = new ResourceLoaderFacade(new JinjaResourceTemplateRenderer()
                .withPreserveRawTags(false)
                .withFailOnUnknownTokens(false), Jackson.YAML_OBJECT_MAPPER);

        int exit;
        try {
            HasItems items = loader.load(new Files(args[1]));
            exit = args[0].equals("apply") ? apply(api, items, start) : diff(api, items);
        } catch (ValidationException e) {
            System.out.println(e.getMessage());
            exit = 2;
        }
        System.exit(exit);
    }

    /** ApplyResourceCommand with the TEXT printer. */
    private static int apply(JikkouApi api, HasItems items, long start) throws JsonProcessingException {
        ApiChangeResultList results = api.reconcile(items, ReconciliationMode.FULL, context(false));
        int ok = 0;
        int created = 0;
        int changed = 0;
        int deleted = 0;
        int failed = 0;
        StringBuilder out = new StringBuilder();
        for (ChangeResult change : results.results()) {
            String json = Jackson.JSON_OBJECT_MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(change);
            var op = change.change().getSpec().getOp();
            if (change.isChanged()) {
                switch (op) {
                    case CREATE -> created++;
                    case UPDATE -> changed++;
                    case DELETE -> deleted++;
                    default -> { }
                }
            } else if (change.isFailed()) {
                failed++;
            } else {
                ok++;
            }
            String text = change.description() == null ? "" : change.description().textual();
            out.append("TASK [").append(op).append("] ").append(text).append(" - ").append(change.status().name())
                    .append('\n').append(json).append('\n');
        }
        System.out.print(out);
        System.out.printf("EXECUTION in %d ms%nok : %d, created : %d, altered : %d, deleted : %d failed : %d%n",
                System.currentTimeMillis() - start, ok, created, changed, deleted, failed);
        return failed > 0 ? 1 : 0;
    }

    /** DiffCommand with the default YAML output. */
    private static int diff(JikkouApi api, HasItems items) throws IOException {
        ApiResourceChangeList result = api.getDiff(items, new SimpleResourceChangeFilter(), context(true));
        ResourceWriter writer = new DefaultResourceWriter();
        try (ByteArrayOutputStream baos = new ByteArrayOutputStream()) {
            writer.write(ResourceWriter.Format.YAML, result.getItems(), baos);
            System.out.println(baos);
        }
        long changed = result.getItems().stream()
                .filter(c -> c.getSpec().getOp() != io.streamthoughts.jikkou.core.reconciler.Operation.NONE).count();
        System.err.printf("diff: %d resources, %d to change%n", result.getItems().size(), changed);
        return 0;
    }

    private static ReconciliationContext context(boolean dryRun) {
        return ReconciliationContext.builder()
                .dryRun(dryRun)
                .configuration(Configuration.empty())
                .build();
    }

    /** The CLI's FileOptionsMixin with {@code --files DIR} and its defaults. */
    private record Files(String dir) implements ResourceLoaderInputs {
        @Override
        public List<String> getResourceFileLocations() {
            return List.of(dir);
        }

        @Override
        public String getResourceFilePattern() {
            return "**/*.{yaml,yml}";
        }

        @Override
        public List<String> getValuesFileLocations() {
            return List.of();
        }

        @Override
        public Iterable<NamedValue> getLabels() {
            return NamedValueSet.emptySet();
        }

        @Override
        public Iterable<NamedValue> getValues() {
            return NamedValueSet.emptySet();
        }
    }
}
