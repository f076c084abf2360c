package io.kafkaops.model.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON Schemas (draft-07) of the entity files and of the platform definition, shipped in this jar. The loaders
 * validate against them; editors use them for completion (a goal can write them out, and an entity file points at
 * one with {@link #modeline(String)}).
 */
public final class Schemas {

    /** Classpath resource of the entity-file schema. */
    public static final String ENTITIES_RESOURCE = "io/kafkaops/schema/kafka-entities.schema.json";
    /** Classpath resource of the platform-definition schema. */
    public static final String PLATFORM_RESOURCE = "io/kafkaops/schema/kafka-platform.schema.json";

    /** File name of the entity-file schema when written out next to a project. */
    public static final String ENTITIES_FILE_NAME = "kafka-entities.schema.json";
    /** File name of the platform-definition schema when written out. */
    public static final String PLATFORM_FILE_NAME = "kafka-platform.schema.json";

    private Schemas() {
    }

    public static String entitiesSchema() {
        return resource(ENTITIES_RESOURCE);
    }

    public static String platformSchema() {
        return resource(PLATFORM_RESOURCE);
    }

    /**
     * The first-line comment that makes the VS Code YAML extension (and other yaml-language-server clients) use a
     * schema: {@code # yaml-language-server: $schema=<url or path relative to the YAML file>}.
     */
    public static String modeline(String schemaLocation) {
        return "# yaml-language-server: $schema=" + schemaLocation;
    }

    private static String resource(String name) {
        try (InputStream in = Schemas.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("schema resource missing from the jar: " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema resource " + name, e);
        }
    }
}
