package io.kafkaops.maven;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The pipeline definitions under {@code examples/pipelines} that platform teams copy: they parse, have the shape their
 * CI system needs, and every {@code mvn} they run names goals and {@code -Dkafka.*} parameters the plugin has (read
 * from the plugin descriptor this build generated), so a renamed goal or parameter breaks this test, not a team's
 * pipeline. The admin credentials they pass match the example platform definition and settings file.
 */
class PipelineExamplesTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path PIPELINES = ROOT.resolve("examples/pipelines");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern GOAL = Pattern.compile("kafka:([a-zA-Z-]+)");
    private static final Pattern PROPERTY = Pattern.compile("-D(kafka\\.[A-Za-z.]+)=");

    private static Set<String> goals;
    private static Set<String> properties;

    @BeforeAll
    static void readPluginDescriptor() throws Exception {
        Path descriptor = Path.of("target/classes/META-INF/maven/plugin.xml");
        assertThat(descriptor).as("the plugin descriptor (generated in process-classes)").exists();
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(descriptor.toFile());
        goals = new TreeSet<>();
        properties = new TreeSet<>();
        NodeList mojos = doc.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            goals.add(mojo.getElementsByTagName("goal").item(0).getTextContent());
            NodeList configuration = mojo.getElementsByTagName("configuration");
            if (configuration.getLength() == 0) continue;
            NodeList params = configuration.item(0).getChildNodes();
            for (int j = 0; j < params.getLength(); j++) {
                String text = params.item(j).getTextContent().trim();
                if (text.startsWith("${kafka.") && text.endsWith("}")) properties.add(text.substring(2, text.length() - 1));
            }
        }
        assertThat(goals).contains("validate", "plan", "deploy", "add-topic", "grant");
        assertThat(properties).contains("kafka.stage", "kafka.planFile", "kafka.topics");
    }

    private static List<Path> files(String dir) throws IOException {
        try (Stream<Path> s = Files.list(PIPELINES.resolve(dir))) {
            return s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void theFolderHoldsThePipelinesTheReadmeNames() throws IOException {
        assertThat(files("azure-devops")).extracting(p -> p.getFileName().toString())
                .contains("kafka-validate-plan.yml", "kafka-deploy.yml", "kafka-entity-management.yml");
        assertThat(files("github")).extracting(p -> p.getFileName().toString())
                .contains("kafka-pr.yml", "kafka-deploy.yml", "kafka-entity-management.yml");
        String readme = Files.readString(PIPELINES.resolve("README.md"));
        for (Path p : concat(files("azure-devops"), files("github"))) {
            assertThat(readme).as("README.md mentions " + p.getFileName()).contains(p.getFileName().toString());
        }
    }

    @Test
    void azureDevOpsPipelinesHaveStagesOrStepsAndEveryJobHasSteps() throws IOException {
        for (Path p : files("azure-devops")) {
            JsonNode root = YAML.readTree(p.toFile());
            assertThat(root.has("stages") || root.has("steps") || root.has("jobs")).as(p + ": stages, jobs or steps")
                    .isTrue();
            List<JsonNode> jobs = new ArrayList<>();
            collectAzureJobs(root, jobs);
            if (!root.has("steps")) assertThat(jobs).as(p + ": jobs").isNotEmpty();
            for (JsonNode job : jobs) {
                boolean steps = job.has("steps") || job.path("strategy").path("runOnce").path("deploy").has("steps");
                assertThat(steps).as(p + ": job " + job.path("job").asText(job.path("deployment").asText())
                        + " has steps").isTrue();
                if (job.has("deployment")) assertThat(job.has("environment")).as(p + ": deployment environment").isTrue();
            }
            assertThat(root.has("on")).as(p + " is no GitHub workflow").isFalse();
        }
    }

    /** Jobs anywhere below, also inside {@code ${{ each }}} template loops. */
    private static void collectAzureJobs(JsonNode node, List<JsonNode> out) {
        if (node.isObject()) {
            if (node.has("job") || node.has("deployment")) out.add(node);
            node.elements().forEachRemaining(child -> collectAzureJobs(child, out));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectAzureJobs(child, out));
        }
    }

    @Test
    void gitHubWorkflowsHaveTriggersAndJobsThatRunOrCallSomething() throws IOException {
        for (Path p : files("github")) {
            JsonNode root = YAML.readTree(p.toFile());
            assertThat(root.has("on")).as(p + ": on").isTrue();
            assertThat(root.path("jobs").isObject() && root.path("jobs").size() > 0).as(p + ": jobs").isTrue();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("jobs").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> job = it.next();
                JsonNode j = job.getValue();
                if (j.has("uses")) {
                    String called = j.get("uses").asText();
                    assertThat(called).as(p + ": job " + job.getKey()).startsWith("./.github/workflows/");
                    Path target = PIPELINES.resolve("github").resolve(Path.of(called).getFileName());
                    assertThat(target).as("the reusable workflow " + called + " is in the folder").exists();
                    assertThat(YAML.readTree(target.toFile()).path("on").has("workflow_call")).isTrue();
                } else {
                    assertThat(j.has("runs-on")).as(p + ": job " + job.getKey() + " runs-on").isTrue();
                    assertThat(j.path("steps").isArray() && j.path("steps").size() > 0)
                            .as(p + ": job " + job.getKey() + " steps").isTrue();
                }
            }
        }
    }

    @Test
    void everyMvnCommandNamesGoalsAndParametersThePluginHas() throws IOException {
        int commands = 0;
        for (Path p : concat(files("azure-devops"), files("github"))) {
            List<String> scripts = new ArrayList<>();
            collectScripts(YAML.readTree(p.toFile()), scripts);
            for (String script : scripts) {
                for (String command : mvnCommands(script)) {
                    commands++;
                    Matcher g = GOAL.matcher(command);
                    boolean any = false;
                    while (g.find()) {
                        any = true;
                        String goal = g.group(1);
                        // "kafka:$ACTION": the entity-management pipelines pass the goal from a choice list
                        if (goal.isEmpty()) continue;
                        assertThat(goals).as(p + ": " + command).contains(goal);
                    }
                    if (command.contains("kafka:$ACTION") || command.contains("kafka:${ACTION}")) {
                        any = true;
                        assertChoicesAreGoals(p);
                    }
                    assertThat(any).as(p + ": '" + command + "' runs a kafka goal").isTrue();
                    Matcher d = PROPERTY.matcher(command);
                    while (d.find()) assertThat(properties).as(p + ": " + command).contains(d.group(1));
                }
                // parameters built up in a script (args+=("-D$1=...") with add kafka.x ...)
                Matcher added = Pattern.compile("\\badd (kafka\\.[A-Za-z.]+) ").matcher(script);
                while (added.find()) assertThat(properties).as(p + ": " + added.group()).contains(added.group(1));
            }
        }
        assertThat(commands).as("mvn commands found").isGreaterThanOrEqualTo(10);
    }

    /** The action choices of an entity-management pipeline are all goals. */
    private static void assertChoicesAreGoals(Path p) throws IOException {
        JsonNode root = YAML.readTree(p.toFile());
        List<String> choices = new ArrayList<>();
        root.path("on").path("workflow_dispatch").path("inputs").path("action").path("options")
                .forEach(n -> choices.add(n.asText()));
        for (JsonNode param : root.path("parameters")) {
            if (param.path("name").asText().equals("action")) param.path("values").forEach(n -> choices.add(n.asText()));
        }
        assertThat(choices).as(p + ": action choices").isNotEmpty();
        assertThat(goals).as(p + ": action choices").containsAll(choices);
    }

    private static void collectScripts(JsonNode node, List<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (Set.of("run", "script", "bash", "inlineScript").contains(e.getKey()) && e.getValue().isTextual()) {
                    out.add(e.getValue().asText());
                } else {
                    collectScripts(e.getValue(), out);
                }
            }
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectScripts(child, out));
        }
    }

    /** Each {@code mvn ...} command, continuation lines joined. */
    private static List<String> mvnCommands(String script) {
        List<String> out = new ArrayList<>();
        String joined = script.replace("\\\n", " ");
        for (String line : joined.split("\n")) {
            Matcher m = Pattern.compile("(^|[\\s;&|(])mvn\\s.*").matcher(line);
            if (m.find()) out.add(m.group().trim());
        }
        return out;
    }

    @Test
    void debugSessionTemplatesAskForStageAccountLifetimeAndReasonAndPlaceOnKubernetes() throws IOException {
        JsonNode gh = YAML.readTree(PIPELINES.resolve("github/kafka-debug-session.yml").toFile());
        JsonNode inputs = gh.path("on").path("workflow_dispatch").path("inputs");
        List<String> names = new ArrayList<>();
        inputs.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("stage", "account", "lifetime", "reason");
        JsonNode az = YAML.readTree(PIPELINES.resolve("azure-devops/kafka-debug-session.yml").toFile());
        List<String> parameters = new ArrayList<>();
        az.path("parameters").forEach(n -> parameters.add(n.path("name").asText()));
        assertThat(parameters).containsExactly("stage", "account", "lifetime", "reason");
        for (JsonNode root : List.of(gh, az)) {
            List<String> scripts = new ArrayList<>();
            collectScripts(root, scripts);
            List<String> commands = scripts.stream().flatMap(s -> mvnCommands(s).stream()).toList();
            assertThat(commands).singleElement().asString().contains("kafka:debug ")
                    .contains("-Dkafka.debug.placement=kubernetes", "-Dkafka.stage=", "-Dkafka.account=",
                            "-Dkafka.lifetime=", "-Dkafka.reason=", "-s ci/kafka-settings.xml");
        }
        // the stages offered are the example platform's promotion stages
        JsonNode platform = YAML.readTree(ROOT.resolve("examples/platform/platform.yaml").toFile());
        List<String> stages = new ArrayList<>();
        platform.path("stages").forEach(st -> {
            if (!st.path("cluster").asText().equals("local")) stages.add(st.path("name").asText());
        });
        List<String> offered = new ArrayList<>();
        inputs.path("stage").path("options").forEach(n -> offered.add(n.asText()));
        assertThat(offered).isEqualTo(stages);
    }

    @Test
    void adminCredentialsMatchThePlatformDefinitionAndTheSettingsFile() throws Exception {
        JsonNode platform = YAML.readTree(ROOT.resolve("examples/platform/platform.yaml").toFile());
        String settings = Files.readString(PIPELINES.resolve("kafka-settings.xml"));
        Set<String> envNeeded = new TreeSet<>();
        for (JsonNode cluster : platform.path("clusters")) {
            JsonNode c = cluster.path("credentials");
            if (c.has("server")) {
                assertThat(settings).as("kafka-settings.xml has server " + c.get("server").asText())
                        .contains("<id>" + c.get("server").asText() + "</id>");
            }
            if (c.has("usernameEnv")) envNeeded.add(c.get("usernameEnv").asText());
            if (c.has("passwordEnv")) envNeeded.add(c.get("passwordEnv").asText());
        }
        Matcher env = Pattern.compile("\\$\\{env\\.([A-Z0-9_]+)}").matcher(settings);
        while (env.find()) envNeeded.add(env.group(1));
        assertThat(envNeeded).hasSizeGreaterThanOrEqualTo(4);

        for (Path p : concat(files("azure-devops"), files("github"))) {
            String text = Files.readString(p);
            if (!text.contains("kafka:plan") && !text.contains("kafka:deploy")) continue;
            assertThat(text).as(p + " passes the settings file").contains("-s ci/kafka-settings.xml");
            for (String name : envNeeded) {
                assertThat(text).as(p + " sets " + name + " from a secret")
                        .containsPattern(name + ": \\$(\\(" + name + "\\)|\\{\\{ secrets\\." + name + " }})");
            }
        }
    }

    @Test
    void deployPipelinesApplyTheReviewedPlanFile() throws IOException {
        for (Path p : List.of(PIPELINES.resolve("azure-devops/kafka-deploy.yml"),
                PIPELINES.resolve("github/kafka-deploy-stage.yml"))) {
            String text = Files.readString(p);
            assertThat(text).as(p.toString()).contains("kafka:deploy").contains("-Dkafka.planFile=")
                    .contains("environment:");
        }
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
