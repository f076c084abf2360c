package io.kafkaops.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The m2e mapping shipped in the plugin names every goal once: validate runs on import, the others never do. */
class M2eLifecycleMappingTest {

    private static final Pattern GOAL = Pattern.compile("<goal>([a-z-]+)</goal>");

    @Test
    void validateRunsInTheIdeAndEveryOtherGoalIsIgnored() throws Exception {
        String mapping = Files.readString(Path.of("target/classes/META-INF/m2e/lifecycle-mapping-metadata.xml"));
        String descriptor = Files.readString(Path.of("target/classes/META-INF/maven/plugin.xml"));
        List<String> goals = goals(descriptor.substring(descriptor.indexOf("<mojos>")));
        goals.remove("help");

        String[] executions = mapping.split("</pluginExecution>");
        assertThat(goals(executions[0])).containsExactly("validate");
        assertThat(executions[0]).contains("<runOnConfiguration>true</runOnConfiguration>");
        assertThat(executions[1]).contains("<ignore/>");
        List<String> mapped = new ArrayList<>(goals(executions[0]));
        mapped.addAll(goals(executions[1]));
        assertThat(mapped).containsExactlyInAnyOrderElementsOf(goals);
    }

    private static List<String> goals(String xml) {
        List<String> out = new ArrayList<>();
        Matcher m = GOAL.matcher(xml);
        while (m.find()) out.add(m.group(1));
        return out;
    }
}
