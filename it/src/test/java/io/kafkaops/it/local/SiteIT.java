package io.kafkaops.it.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.it.MavenResult;
import io.kafkaops.it.MavenRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The documentation site, built with the command README.md gives, on a copy of this repository as a fresh checkout
 * has it: every goal of the plugin descriptor has its generated page listing each of its parameters, the site menu
 * names every goal page, and every Markdown page (one per built-in policy among them) became an HTML page.
 */
class SiteIT {

    private static final Pattern MOJO = Pattern.compile("<mojo>(.*?)</mojo>", Pattern.DOTALL);
    private static final Pattern GOAL = Pattern.compile("<goal>([a-z-]+)</goal>");
    private static final Pattern PARAMETER = Pattern.compile(
            "<parameter>\\s*<name>([A-Za-z]+)</name>(.*?)</parameter>", Pattern.DOTALL);

    @Test
    void theSiteHasAPageForEveryGoalWithEveryParameterAndEveryMarkdownPage(TestInfo test) throws IOException {
        List<String> command = siteCommand(SourceTree.root().resolve("README.md"));
        MavenRunner runner = MavenRunner.forTest(test).timeout(Duration.ofMinutes(10));
        Path checkout = SourceTree.copy(SourceTree.root(), runner.workDir().resolve("checkout"));

        MavenResult site = runner.run(checkout, command.toArray(String[]::new));
        site.assertSucceeded();

        Path plugin = checkout.resolve("kafka-maven-plugin");
        Path html = plugin.resolve("target/site");
        Map<String, List<String>> goals = goals(plugin.resolve("target/classes/META-INF/maven/plugin.xml"));
        assertThat(goals).containsKeys("validate", "plan", "deploy", "run", "add-topic", "rotate-credentials");
        String menu = Files.readString(plugin.resolve("src/site/site.xml"));
        for (Map.Entry<String, List<String>> goal : goals.entrySet()) {
            Path page = html.resolve(goal.getKey() + "-mojo.html");
            assertThat(page).as("goal page of %s", goal.getKey()).isRegularFile();
            String text = Files.readString(page);
            for (String parameter : goal.getValue()) {
                assertThat(text).as("%s lists parameter %s", page.getFileName(), parameter)
                        .contains("<a id=\"" + parameter + "\">");
            }
            assertThat(menu).as("site.xml lists the page of goal %s", goal.getKey())
                    .contains("href=\"" + goal.getKey() + "-mojo.html\"");
        }
        assertThat(Files.readString(html.resolve("deploy-mojo.html"))).contains("kafka.deploy.skip", "kafka.planFile");

        Path markdown = plugin.resolve("src/site/markdown");
        List<Path> pages;
        try (Stream<Path> files = Files.walk(markdown)) {
            pages = files.filter(f -> f.toString().endsWith(".md")).toList();
        }
        assertThat(pages).hasSizeGreaterThan(30);
        for (Path page : pages) {
            String relative = markdown.relativize(page).toString().replaceFirst("\\.md$", ".html");
            assertThat(html.resolve(relative)).as("the HTML of %s", relative).isRegularFile();
        }
        assertThat(html.resolve("reference/policies/topicNaming.html")).isRegularFile();
        System.out.printf("Site: %d goal pages, %d Markdown pages in %.1f s%n", goals.size(), pages.size(),
                site.duration().toMillis() / 1000.0);
    }

    /** The README's command that builds the site, in its "## Documentation" section. */
    static List<String> siteCommand(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        int start = lines.indexOf("## Documentation");
        assertThat(start).as("README.md has a '## Documentation' section").isNotNegative();
        String line = lines.subList(start, lines.size()).stream()
                .map(String::trim)
                .filter(l -> l.startsWith("mvn ") && l.endsWith(" site"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("README.md's Documentation section has no 'mvn ... site' line"));
        List<String> words = Arrays.asList(line.split("\\s+"));
        return new ArrayList<>(words.subList(1, words.size()));
    }

    /** Every goal of the descriptor with the parameters a user can set (the ones its page lists). */
    static Map<String, List<String>> goals(Path descriptor) throws IOException {
        String xml = Files.readString(descriptor);
        Map<String, List<String>> goals = new LinkedHashMap<>();
        Matcher mojo = MOJO.matcher(xml);
        while (mojo.find()) {
            Matcher goal = GOAL.matcher(mojo.group(1));
            assertThat(goal.find()).isTrue();
            List<String> parameters = new ArrayList<>();
            Matcher parameter = PARAMETER.matcher(mojo.group(1));
            while (parameter.find()) {
                if (parameter.group(2).contains("<editable>true</editable>")) parameters.add(parameter.group(1));
            }
            goals.put(goal.group(1), parameters);
        }
        return goals;
    }
}
