package io.kafkaops.model.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.everit.json.schema.Schema;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

class SchemasTest {

    @Test
    void bothSchemasAreDraft07AndLoad() {
        for (String text : List.of(Schemas.entitiesSchema(), Schemas.platformSchema())) {
            JSONObject json = new JSONObject(text);
            assertThat(json.getString("$schema")).isEqualTo("http://json-schema.org/draft-07/schema#");
            Schema schema = SchemaLoader.builder().schemaJson(json).draftV7Support().build().load().build();
            assertThat(schema.getDescription()).isNotBlank();
        }
    }

    /** Editors complete and explain only what the schema describes; a closed object without descriptions is a gap. */
    @Test
    void everyPropertyOfAClosedObjectIsDescribed() {
        for (String text : List.of(Schemas.entitiesSchema(), Schemas.platformSchema())) {
            List<String> undescribed = new ArrayList<>();
            JSONObject root = new JSONObject(text);
            walk(root, root, "#", undescribed);
            assertThat(undescribed).isEmpty();
        }
    }

    private static void walk(JSONObject root, JSONObject node, String path, List<String> undescribed) {
        if (node.has("properties")) {
            JSONObject props = node.getJSONObject("properties");
            for (String key : props.keySet()) {
                JSONObject prop = props.getJSONObject(key);
                if (!prop.has("description") && !describedByReference(root, prop)) undescribed.add(path + "/" + key);
                walk(root, prop, path + "/properties/" + key, undescribed);
            }
        }
        for (String key : List.of("definitions", "additionalProperties", "items")) {
            Object child = node.opt(key);
            if (child instanceof JSONObject o) {
                if (key.equals("definitions")) {
                    for (String d : o.keySet()) walk(root, o.getJSONObject(d), path + "/definitions/" + d, undescribed);
                } else {
                    walk(root, o, path + "/" + key, undescribed);
                }
            }
        }
        Object oneOf = node.opt("oneOf");
        if (oneOf instanceof JSONArray a) {
            for (int i = 0; i < a.length(); i++) walk(root, a.getJSONObject(i), path + "/oneOf/" + i, undescribed);
        }
    }

    private static boolean describedByReference(JSONObject root, JSONObject prop) {
        if (!prop.has("$ref")) return false;
        String ref = prop.getString("$ref");
        JSONObject target = (JSONObject) root.query(ref.substring(1));
        return target.has("description") || describedByReference(root, target);
    }

    @Test
    void modelineIsWhatTheYamlLanguageServerReads() {
        assertThat(Schemas.modeline("../../../target/kafka/kafka-entities.schema.json"))
                .isEqualTo("# yaml-language-server: $schema=../../../target/kafka/kafka-entities.schema.json");
        assertThat(Schemas.ENTITIES_RESOURCE).endsWith("/" + Schemas.ENTITIES_FILE_NAME);
        assertThat(Schemas.PLATFORM_RESOURCE).endsWith("/" + Schemas.PLATFORM_FILE_NAME);
    }
}
