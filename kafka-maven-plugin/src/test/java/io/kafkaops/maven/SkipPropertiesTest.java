package io.kafkaops.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.logging.Log;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code kafka.validate.skip}, {@code kafka.plan.skip} and {@code kafka.deploy.skip} each skip their own goal, beside
 * {@code kafka.skip} for all: the goals return before they touch the project (none is set here, so a goal that did
 * not skip would fail), and the plugin descriptor binds each property to its goal.
 */
class SkipPropertiesTest {

    @ParameterizedTest
    @CsvSource({
            "validate, io.kafkaops.maven.ValidateMojo, validateSkip",
            "plan, io.kafkaops.maven.PlanMojo, planSkip",
            "deploy, io.kafkaops.maven.DeployMojo, deploySkip"})
    void theGoalsOwnSkipPropertySkipsIt(String goal, Class<? extends AbstractMojo> type, String field)
            throws Exception {
        AbstractMojo mojo = newMojo(type);
        set(mojo, field, true);
        List<String> info = captureInfo(mojo);

        mojo.execute();

        assertThat(info).singleElement().asString().startsWith("Skipping").endsWith("(kafka." + goal + ".skip=true)");
    }

    @ParameterizedTest
    @CsvSource({
            "io.kafkaops.maven.ValidateMojo",
            "io.kafkaops.maven.PlanMojo",
            "io.kafkaops.maven.DeployMojo"})
    void kafkaSkipStillSkipsEveryGoal(Class<? extends AbstractMojo> type) throws Exception {
        AbstractMojo mojo = newMojo(type);
        set(mojo, "skip", true);
        List<String> info = captureInfo(mojo);

        mojo.execute();

        assertThat(info).singleElement().asString().endsWith("(kafka.skip=true)");
    }

    @ParameterizedTest
    @CsvSource({
            "io.kafkaops.maven.ValidateMojo",
            "io.kafkaops.maven.PlanMojo",
            "io.kafkaops.maven.DeployMojo"})
    void withoutASkipPropertyTheGoalRuns(Class<? extends AbstractMojo> type) throws Exception {
        AbstractMojo mojo = newMojo(type);
        if (mojo instanceof AbstractStageMojo) set(mojo, "stage", "dev");
        captureInfo(mojo);

        // it goes past the skip check and needs the project, which this test does not give it
        assertThatThrownBy(mojo::execute).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @CsvSource({"validate, validateSkip", "plan, planSkip", "deploy, deploySkip"})
    void theDescriptorBindsThePropertyToItsGoal(String goal, String field) throws Exception {
        String descriptor = Files.readString(Path.of("target/classes/META-INF/maven/plugin.xml"));
        int mojo = descriptor.indexOf("<goal>" + goal + "</goal>");
        assertThat(mojo).as("goal %s in the plugin descriptor", goal).isNotNegative();
        String rest = descriptor.substring(mojo, descriptor.indexOf("</mojo>", mojo));
        assertThat(rest).contains("<" + field + " implementation=\"boolean\" default-value=\"false\">${kafka."
                + goal + ".skip}</" + field + ">");
    }

    private static AbstractMojo newMojo(Class<? extends AbstractMojo> type) throws Exception {
        if (AbstractStageMojo.class.isAssignableFrom(type)) {
            return type.getConstructor(org.apache.maven.settings.crypto.SettingsDecrypter.class)
                    .newInstance((Object) null);
        }
        return type.getConstructor().newInstance();
    }

    private static void set(Object target, String name, Object value) throws Exception {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                f.set(target, value);
                return;
            } catch (NoSuchFieldException e) {
                // declared further up
            }
        }
        throw new NoSuchFieldException(name);
    }

    private static List<String> captureInfo(AbstractMojo mojo) {
        List<String> info = new ArrayList<>();
        mojo.setLog((Log) Proxy.newProxyInstance(Log.class.getClassLoader(), new Class<?>[] {Log.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("info") && args != null && args[0] instanceof CharSequence s) {
                        info.add(s.toString());
                    }
                    return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
                }));
        return info;
    }
}
