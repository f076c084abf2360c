package io.kafkaops.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.policy.internal.BuiltInPolicies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documentation site's hand-written half: every built-in policy has its reference page (and a place in the index
 * and the menu), and every relative link in README.md, CONTRIBUTING.md, CHANGELOG.md, the site's Markdown and its
 * menu leads to a file that exists. The generated half, the goal pages, is checked by {@code SiteIT} after
 * {@code mvn site}.
 */
class SitePagesTest {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path SITE = ROOT.resolve("kafka-maven-plugin/src/site/markdown");
    static final Path GENERATED = ROOT.resolve("kafka-maven-plugin/target/site");
    static final Path DESCRIPTOR = ROOT.resolve("kafka-maven-plugin/target/classes/META-INF/maven/plugin.xml");

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");
    private static final Pattern GOAL = Pattern.compile("<goal>([a-z-]+)</goal>");

    @Test
    void everyBuiltInPolicyHasAReferencePageInTheIndexAndTheMenu() throws IOException {
        String index = Files.readString(SITE.resolve("reference/policies.md"));
        String menu = Files.readString(SITE.resolveSibling("site.xml"));
        List<String> ids = BuiltInPolicies.ids();
        assertThat(ids).isNotEmpty();
        for (String id : ids) {
            Path page = SITE.resolve("reference/policies/" + id + ".md");
            assertThat(page).as("reference page of built-in policy %s", id).isRegularFile();
            assertThat(Files.readAllLines(page).get(0)).as("title of %s", page).isEqualTo("# " + id);
            assertThat(index).as("reference/policies.md links the page of %s", id)
                    .contains("(policies/" + id + ".html)");
            assertThat(menu).as("site.xml lists the page of %s", id)
                    .contains("href=\"reference/policies/" + id + ".html\"");
        }
    }

    @Test
    void everyPolicyPageIsAboutABuiltInPolicy() throws IOException {
        Set<String> pages = new TreeSet<>();
        try (Stream<Path> files = Files.list(SITE.resolve("reference/policies"))) {
            files.forEach(f -> pages.add(f.getFileName().toString().replaceFirst("\\.md$", "")));
        }
        assertThat(pages).containsExactlyInAnyOrderElementsOf(BuiltInPolicies.ids());
    }

    @Test
    void everyRelativeLinkResolves() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("CONTRIBUTING.md"),
                ROOT.resolve("CHANGELOG.md")));
        try (Stream<Path> files = Files.walk(SITE)) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        assertThat(documents).hasSizeGreaterThan(30);
        Set<String> goals = goals();
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path document : documents) {
            for (String link : links(document)) {
                checked++;
                if (!resolves(document.getParent(), link, goals)) broken.add(ROOT.relativize(document) + ": " + link);
            }
        }
        Path menu = SITE.resolveSibling("site.xml");
        Matcher href = HREF.matcher(Files.readString(menu));
        while (href.find()) {
            checked++;
            if (!resolves(SITE, href.group(1), goals)) broken.add("src/site/site.xml: " + href.group(1));
        }
        assertThat(checked).as("links checked").isGreaterThan(200);
        assertThat(broken).as("relative links that lead nowhere").isEmpty();
    }

    @Test
    void aLinkToAMissingPageIsReported(@TempDir Path dir) throws IOException {
        Path page = dir.resolve("page.md");
        Files.writeString(page, "[ok](page.html) [goal](validate-mojo.html) [gone](missing.html) [file](gone.md)\n"
                + "```\n[in code](nowhere.md)\n```\n[web](https://example.com/x.md) [here](#top)\n");
        List<String> links = links(page);
        assertThat(links).containsExactly("page.html", "validate-mojo.html", "missing.html", "gone.md");
        Set<String> goals = Set.of("validate");
        assertThat(links.stream().filter(l -> !resolves(dir, l, goals)))
                .containsExactly("missing.html", "gone.md");
    }

    /** The relative links of a Markdown file, outside code blocks and inline code, without their fragment. */
    static List<String> links(Path markdown) throws IOException {
        List<String> out = new ArrayList<>();
        boolean fence = false;
        for (String line : Files.readAllLines(markdown)) {
            if (line.trim().startsWith("```")) {
                fence = !fence;
                continue;
            }
            if (fence) continue;
            Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", "``"));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || target.startsWith("#")) continue;
                int hash = target.indexOf('#');
                out.add(hash < 0 ? target : target.substring(0, hash));
            }
        }
        return out;
    }

    /**
     * Whether a relative link from a file in {@code dir} leads somewhere: to an existing file or directory, to the
     * {@code .md} source of a site page ({@code page.html} for {@code page.md}, also when the link goes into the built
     * site under {@code kafka-maven-plugin/target/site}), or to a page the plugin report generates for a goal of the
     * descriptor ({@code <goal>-mojo.html}, {@code plugin-info.html}).
     */
    static boolean resolves(Path dir, String link, Set<String> goals) {
        Path target = dir.resolve(link).normalize();
        if (Files.exists(target)) return true;
        if (!link.endsWith(".html")) return false;
        Path source = target.resolveSibling(target.getFileName().toString().replaceFirst("\\.html$", ".md"));
        if (Files.isRegularFile(source)) return true;
        if (target.startsWith(GENERATED.normalize())) {
            Path inSite = SITE.resolve(GENERATED.relativize(target).toString().replaceFirst("\\.html$", ".md"));
            if (Files.isRegularFile(inSite)) return true;
        }
        boolean siteRoot = target.getParent().equals(SITE.normalize()) || target.getParent().equals(GENERATED.normalize())
                || target.getParent().equals(dir.normalize()) && !dir.normalize().startsWith(ROOT);
        String name = target.getFileName().toString();
        if (!siteRoot) return false;
        if (name.equals("plugin-info.html")) return true;
        return name.endsWith("-mojo.html") && goals.contains(name.substring(0, name.length() - "-mojo.html".length()));
    }

    /** The goals of the plugin descriptor, which the build writes before the tests run. */
    static Set<String> goals() throws IOException {
        String descriptor = Files.readString(DESCRIPTOR);
        Set<String> goals = new TreeSet<>();
        Matcher m = GOAL.matcher(descriptor.substring(descriptor.indexOf("<mojos>")));
        while (m.find()) goals.add(m.group(1));
        assertThat(goals).contains("validate", "plan", "deploy");
        return goals;
    }
}
