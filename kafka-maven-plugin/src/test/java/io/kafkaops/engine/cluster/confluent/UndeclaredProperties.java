package io.kafkaops.engine.cluster.confluent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds JSON properties that no schema of the operation declares (a misspelt {@code display-name}, an
 * {@code owner_id} Confluent does not know). OpenAPI lets a schema allow more than it lists, so the validator cannot
 * say so while it accepts the documents' {@code allOf} compositions; this check merges the properties of all parts
 * ({@code allOf}, {@code oneOf}, {@code anyOf}) and looks into nested objects and arrays. A schema that declares
 * {@code additionalProperties} or no properties at all allows anything.
 */
final class UndeclaredProperties {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAPI api;
    private final Map<Pattern, PathItem> paths = new LinkedHashMap<>();

    UndeclaredProperties(OpenAPI api) {
        this.api = api;
        api.getPaths().forEach((template, item) -> paths.put(
                Pattern.compile(template.replaceAll("\\{[^/}]+}", "[^/]+")), item));
    }

    /** Undeclared properties of a request body, one line each. */
    List<String> inRequest(String method, String path, String body) {
        Operation operation = operation(method, path);
        if (operation == null || operation.getRequestBody() == null) {
            return List.of();
        }
        RequestBody requestBody = operation.getRequestBody();
        if (requestBody.get$ref() != null) {
            requestBody = api.getComponents().getRequestBodies().get(name(requestBody.get$ref()));
        }
        return find("request", requestBody.getContent(), body);
    }

    /** Undeclared properties of a response body, one line each. */
    List<String> inResponse(String method, String path, int status, String body) {
        Operation operation = operation(method, path);
        if (operation == null || operation.getResponses() == null) {
            return List.of();
        }
        ApiResponse response = operation.getResponses().get(String.valueOf(status));
        if (response == null) {
            return List.of();
        }
        if (response.get$ref() != null) {
            response = api.getComponents().getResponses().get(name(response.get$ref()));
        }
        return find("response", response.getContent(), body);
    }

    private List<String> find(String side, Content content, String body) {
        if (content == null || body == null || body.isBlank()) {
            return List.of();
        }
        MediaType media = content.get("application/json");
        if (media == null || media.getSchema() == null) {
            return List.of();
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            return List.of(); // the validator reports a body that is not JSON
        }
        List<String> found = new ArrayList<>();
        check(node, List.of(media.getSchema()), "", side, found);
        return found;
    }

    @SuppressWarnings("rawtypes")
    private void check(JsonNode node, List<Schema> schemas, String pointer, String side, List<String> found) {
        List<Schema> resolved = new ArrayList<>();
        for (Schema schema : schemas) {
            flatten(schema, resolved, 0);
        }
        if (node.isArray()) {
            List<Schema> items = new ArrayList<>();
            for (Schema schema : resolved) {
                if (schema.getItems() != null) {
                    items.add(schema.getItems());
                }
            }
            if (!items.isEmpty()) {
                for (int i = 0; i < node.size(); i++) {
                    check(node.get(i), items, pointer + "/" + i, side, found);
                }
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        Map<String, List<Schema>> properties = new LinkedHashMap<>();
        for (Schema schema : resolved) {
            Object additional = schema.getAdditionalProperties();
            if (additional != null && !Boolean.FALSE.equals(additional)) {
                return;
            }
            if (schema.getProperties() != null) {
                Map<String, Schema> declared = schema.getProperties();
                declared.forEach((name, sub) -> properties.computeIfAbsent(name, n -> new ArrayList<>()).add(sub));
            }
        }
        if (properties.isEmpty()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            List<Schema> sub = properties.get(field.getKey());
            if (sub == null) {
                found.add("[undeclared " + side + " property] " + pointer + "/" + field.getKey()
                        + " is not in the schema (known here: " + properties.keySet() + ")");
            } else {
                check(field.getValue(), sub, pointer + "/" + field.getKey(), side, found);
            }
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private void flatten(Schema schema, List<Schema> out, int depth) {
        if (schema == null || depth > 20) {
            return;
        }
        if (schema.get$ref() != null) {
            flatten(api.getComponents().getSchemas().get(name(schema.get$ref())), out, depth + 1);
            return;
        }
        out.add(schema);
        for (List<Schema> parts : new List[] {schema.getAllOf(), schema.getOneOf(), schema.getAnyOf()}) {
            if (parts != null) {
                for (Schema part : parts) {
                    flatten(part, out, depth + 1);
                }
            }
        }
    }

    private Operation operation(String method, String path) {
        for (Map.Entry<Pattern, PathItem> entry : paths.entrySet()) {
            if (entry.getKey().matcher(path).matches()) {
                return switch (method) {
                    case "GET" -> entry.getValue().getGet();
                    case "POST" -> entry.getValue().getPost();
                    case "PATCH" -> entry.getValue().getPatch();
                    case "PUT" -> entry.getValue().getPut();
                    case "DELETE" -> entry.getValue().getDelete();
                    default -> null;
                };
            }
        }
        return null;
    }

    private static String name(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }
}
