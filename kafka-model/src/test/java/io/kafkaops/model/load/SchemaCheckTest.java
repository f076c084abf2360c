package io.kafkaops.model.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.model.load.SchemaCheck.Verdict;
import io.kafkaops.model.schema.Schemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The schema fast path: it passes the common documents, and never passes one everit refuses. */
class SchemaCheckTest {

    private static final SchemaCheck ENTITIES = new SchemaCheck(Schemas.entitiesSchema());
    private static final SchemaCheck PLATFORM = new SchemaCheck(Schemas.platformSchema());

    private static YamlNode doc(String text) {
        YamlReader.Result r = YamlReader.read(text, "t.yaml", LoaderLimits.DEFAULTS);
        assertThat(r.diagnostics()).isEmpty();
        return r.documents().get(0);
    }

    /** The fast path's verdict, checked against everit's wherever it says VALID or INVALID. */
    private static Verdict check(SchemaCheck fast, SchemaValidator slow, YamlNode document) {
        Verdict v = fast.check(document);
        boolean everitValid = slow.validateWithEverit(document).diagnostics().isEmpty()
                && slow.validateWithEverit(document).invalidPointers().isEmpty();
        if (v == Verdict.VALID) assertThat(everitValid).as("everit agrees the document is valid").isTrue();
        if (v == Verdict.INVALID) assertThat(everitValid).as("everit agrees the document is invalid").isFalse();
        return v;
    }

    @Test
    void theSampleRepositoriesAndThePlatformPassWithoutEverit() throws IOException {
        Path repoRoot = Path.of("..").toAbsolutePath().normalize();
        List<Path> entityFiles;
        try (Stream<Path> files = Stream.concat(
                Files.walk(repoRoot.resolve("examples/billing-service/src/main/kafka")),
                Files.walk(repoRoot.resolve("it/src/it-repos/deploy-billing")))) {
            entityFiles = files.filter(f -> f.toString().endsWith(".yaml")).toList();
        }
        assertThat(entityFiles).isNotEmpty();
        for (Path f : entityFiles) {
            for (YamlNode d : YamlReader.read(Files.readString(f, StandardCharsets.UTF_8), f.toString(),
                    LoaderLimits.DEFAULTS).documents()) {
                assertThat(check(ENTITIES, SchemaValidator.ENTITIES, d)).as(f.toString()).isEqualTo(Verdict.VALID);
            }
        }
        YamlNode platform = doc(Files.readString(repoRoot.resolve("examples/platform/platform.yaml")));
        assertThat(check(PLATFORM, SchemaValidator.PLATFORM, platform)).isEqualTo(Verdict.VALID);
    }

    @Test
    void typeUnionsAndOneOfAlternativesPassInEitherForm() {
        assertThat(check(ENTITIES, SchemaValidator.ENTITIES, doc("""
                topics:
                  - name: orders
                    partitions: 3
                    config:
                      retention.ms: 7d
                      max.message.bytes: 1048576
                """))).isEqualTo(Verdict.VALID);
    }

    @Test
    void definiteMistakesAreInvalidAndOddValuesAreLeftToEverit() {
        // wrong type, unknown key, missing required key: definitely invalid
        assertThat(check(ENTITIES, SchemaValidator.ENTITIES, doc("topics: 3\n"))).isEqualTo(Verdict.INVALID);
        assertThat(check(ENTITIES, SchemaValidator.ENTITIES, doc("topicz: []\n"))).isEqualTo(Verdict.INVALID);
        assertThat(check(ENTITIES, SchemaValidator.ENTITIES, doc("topics:\n  - partitions: 3\n")))
                .isEqualTo(Verdict.INVALID);
        // a float is everit's to judge
        assertThat(check(ENTITIES, SchemaValidator.ENTITIES, doc("topics:\n  - name: a\n    partitions: 3.0\n")))
                .isNotEqualTo(Verdict.VALID);
    }

    @Test
    void validatorResultIsTheSameOnBothPaths() {
        YamlNode bad = doc("topics:\n  - name: orders\n    partitons: 3\n");
        assertThat(SchemaValidator.ENTITIES.validate(bad)).isEqualTo(SchemaValidator.ENTITIES.validateWithEverit(bad));
        assertThat(SchemaValidator.ENTITIES.validate(bad).diagnostics()).isNotEmpty();
        YamlNode good = doc("topics:\n  - name: orders\n    partitions: 3\n");
        assertThat(SchemaValidator.ENTITIES.validate(good)).isEqualTo(SchemaValidator.ENTITIES.validateWithEverit(good));
    }
    @Test
    void theNamePatternsAreCheckedWithoutAMatcherAndAgreeWithIt() {
        for (String regex : List.of("^[a-zA-Z0-9._-]{1,249}$", "^[a-zA-Z0-9._-]{1,200}$", "^[a-zA-Z0-9._-]+$")) {
            SchemaCheck.CharClassPattern simple = SchemaCheck.CharClassPattern.of(regex);
            assertThat(simple).as(regex).isNotNull();
            java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
            java.util.Random random = new java.util.Random(14);
            String alphabet = "aZ09._-:/ \n\r\u0085\u2028ä";
            for (int n = 0; n < 20_000; n++) {
                StringBuilder sb = new StringBuilder();
                int length = random.nextInt(6) == 0 ? 195 + random.nextInt(60) : random.nextInt(6);
                for (int i = 0; i < length; i++) {
                    sb.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length())) : 'a');
                }
                String text = sb.toString();
                boolean fast = simple.allInClass(text) ? simple.lengthFits(text) : p.matcher(text).find();
                assertThat(fast).as("%s on '%s'", regex, text).isEqualTo(p.matcher(text).find());
            }
        }
        assertThat(SchemaCheck.CharClassPattern.of("^User:.+$")).isNull();
        assertThat(SchemaCheck.CharClassPattern.of("[a-zA-Z0-9._-]+")).isNull();
    }
}
