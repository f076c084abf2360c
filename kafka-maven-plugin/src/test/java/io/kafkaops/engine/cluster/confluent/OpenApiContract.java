package io.kafkaops.engine.cluster.confluent;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Confluent's official OpenAPI documents of IAM v2 and API Keys v2 (in {@code contracts/confluent-cloud} at the
 * repository root, copied unchanged from Confluent), checked by the Atlassian OpenAPI request validator: every exchange
 * of the stand-in goes through {@link #check}, and what does not match becomes a violation message.
 */
public final class OpenApiContract {

    /** The system property naming the directory of the OpenAPI documents, for a checkout laid out differently. */
    public static final String DIRECTORY_PROPERTY = "confluent.contracts.dir";

    private static final String RELATIVE = "contracts/confluent-cloud";
    private static final String API_KEYS_PATH = "/iam/v2/api-keys";

    private final Document iam;
    private final Document apiKeys;

    private OpenApiContract(Path dir) {
        this.iam = document(dir.resolve("iam-v2-openapi.yaml"));
        this.apiKeys = document(dir.resolve("apikeys-v2-openapi.yaml"));
    }

    /** One OpenAPI document: the validator over it and the check for undeclared properties. */
    private record Document(OpenApiInteractionValidator validator, UndeclaredProperties undeclared) {
    }

    private static final Map<Path, OpenApiContract> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The documents of {@link #directory()}, parsed once per JVM (the validator is thread-safe and parsing takes a
     * second).
     */
    public static OpenApiContract load() {
        return LOADED.computeIfAbsent(directory(), OpenApiContract::new);
    }

    private static Document document(Path spec) {
        if (!Files.isRegularFile(spec)) {
            throw new IllegalStateException("Confluent's OpenAPI document " + spec + " is missing");
        }
        ParseOptions parse = new ParseOptions();
        parse.setResolve(true);
        // not resolveFully: that makes swagger-parser type the untyped property schemas of the documents' allOf
        // parts (metadata.self: {example: ...}) as objects, and every real response would fail
        parse.setResolveFully(false);
        SwaggerParseResult result = new OpenAPIV3Parser().readLocation(spec.toUri().toString(), null, parse);
        OpenAPI api = result.getOpenAPI();
        if (api == null) {
            throw new IllegalStateException("Cannot read " + spec + ": " + result.getMessages());
        }
        inlineParameterSchemas(api);
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createFor(api)
                // the documents name https://api.confluent.cloud; the stand-in serves the same paths at its address
                .withBasePathOverride("/")
                .withResolveRefs(false)
                // OpenAPI allows properties a schema does not list; the validator's stricter default (it adds
                // additionalProperties: false to every schema) rejects every allOf composition these documents use
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                        .build())
                .build();
        return new Document(validator, new UndeclaredProperties(api));
    }

    /**
     * Replaces a query parameter's {@code $ref} schema (display_name's {@code MultipleSearchFilter}, an array) by the
     * schema it names: without full resolution the validator would read the parameter as JSON.
     */
    private static void inlineParameterSchemas(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        for (PathItem item : api.getPaths().values()) {
            for (Operation operation : item.readOperations()) {
                if (operation.getParameters() == null) {
                    continue;
                }
                for (Parameter parameter : operation.getParameters()) {
                    Schema<?> schema = parameter.getSchema();
                    if (schema != null && schema.get$ref() != null) {
                        String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
                        if (schemas.containsKey(name)) {
                            parameter.setSchema(schemas.get(name));
                        }
                    }
                }
            }
        }
    }

    /**
     * The directory of Confluent's OpenAPI documents: {@value #DIRECTORY_PROPERTY} if set, else the first
     * {@code contracts/confluent-cloud} found in the working directory, the Maven {@code basedir} or one of
     * their parents (the directory is at the repository root).
     */
    public static Path directory() {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of("").toAbsolutePath());
        String basedir = System.getProperty("basedir");
        if (basedir != null) {
            starts.add(Path.of(basedir).toAbsolutePath());
        }
        for (Path start : starts) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(RELATIVE);
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("Confluent's OpenAPI documents (" + RELATIVE + ") were not found above "
                + starts + "; set -D" + DIRECTORY_PROPERTY + "=DIR");
    }

    /**
     * The contract violations of one exchange, one line each, empty when request and response match the documents.
     *
     * @param method        the HTTP method
     * @param path          the request path (without query)
     * @param query         the query parameters (each with all its values)
     * @param requestHeaders the request headers
     * @param requestBody   the request body, or null
     * @param status        the response status
     * @param responseHeaders the response headers
     * @param responseBody  the response body, or null
     * @param checkResponse false to check only the request (a fault the test injected on purpose)
     */
    public List<String> check(String method, String path, Map<String, List<String>> query,
                              Map<String, List<String>> requestHeaders, String requestBody, int status,
                              Map<String, List<String>> responseHeaders, String responseBody, boolean checkResponse) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
        query.forEach(request::withQueryParam);
        requestHeaders.forEach(request::withHeader);
        if (requestBody != null && !requestBody.isEmpty()) {
            request.withBody(requestBody);
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        responseHeaders.forEach(response::withHeader);
        if (responseBody != null && !responseBody.isEmpty()) {
            response.withBody(responseBody);
        }
        Document document = path.startsWith(API_KEYS_PATH) ? apiKeys : iam;
        Request built = request.build();
        ValidationReport report = checkResponse ? document.validator().validate(built, response.build())
                : document.validator().validateRequest(built);
        List<String> violations = new ArrayList<>();
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() == ValidationReport.Level.ERROR) {
                violations.add(method + " " + path + " -> " + status + ": " + describe(message));
            }
        }
        // what OpenAPI allows but Confluent does not know: a property no schema of the operation declares
        for (String undeclared : document.undeclared().inRequest(method, path, requestBody)) {
            violations.add(method + " " + path + " -> " + status + ": " + undeclared);
        }
        if (checkResponse) {
            for (String undeclared : document.undeclared().inResponse(method, path, status, responseBody)) {
                violations.add(method + " " + path + " -> " + status + ": " + undeclared);
            }
        }
        return violations;
    }

    /** The message with the nested ones that say which part of an {@code allOf} failed where. */
    private static String describe(ValidationReport.Message message) {
        StringBuilder text = new StringBuilder("[" + message.getKey() + "] " + message.getMessage());
        message.getContext().flatMap(ValidationReport.MessageContext::getParameter)
                .ifPresent(p -> text.append(" (parameter ").append(p.getName()).append(')'));
        message.getContext().flatMap(ValidationReport.MessageContext::getPointers)
                .ifPresent(p -> text.append(" at ").append(p.getInstance()));
        List<ValidationReport.Message> nested = message.getNestedMessages();
        if (!nested.isEmpty()) {
            text.append(" {");
            for (int i = 0; i < nested.size(); i++) {
                text.append(i == 0 ? "" : "; ").append(describe(nested.get(i)));
            }
            text.append('}');
        }
        return text.toString().replace('\n', ' ');
    }
}
