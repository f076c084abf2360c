package io.kafkaops.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.it.MavenResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/** Proves that secrets appear in no build output and no file a build wrote, without ever printing them. */
final class SecretScan {

    private SecretScan() {
    }

    /**
     * No run's output and no file under the project's {@code target/} (nor its build.log) contains any of the secrets.
     * A failure names the run or the file, never the secret.
     */
    static void assertNowhere(Collection<String> secrets, Path project, List<MavenResult> runs) {
        assertThat(secrets).as("secrets to look for").isNotEmpty().allMatch(s -> s.length() >= 16);
        for (MavenResult run : runs) {
            for (String secret : secrets) run.assertNoLine(secret);
        }
        List<Path> files = new ArrayList<>();
        files.add(project.resolve("build.log"));
        try (Stream<Path> walk = Files.walk(project.resolve("target"))) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(files).as("build.log and the files the build wrote under target/").hasSizeGreaterThan(1);
        for (Path file : files) {
            String text;
            try {
                // ISO-8859-1 maps every byte, so binary files are searched too
                text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int i = 0;
            for (String secret : secrets) {
                i++;
                if (text.contains(secret)) {
                    throw new AssertionError("secret #" + i + " of " + secrets.size() + " is written in " + file);
                }
            }
        }
    }
}
