package io.kafkaops.model.load;

/** Rule ids of the diagnostics the loaders report, so callers and tests need not repeat the strings. */
public final class LoadRules {

    /** The file is not well-formed YAML. */
    public static final String YAML_SYNTAX = "yamlSyntax";
    /** A plain number YAML 1.2 and YAML 1.1 read differently ({@code 010}: 10 or 8). */
    public static final String AMBIGUOUS_NUMBER = "ambiguousNumber";
    /** A key appears twice in one map. */
    public static final String DUPLICATE_KEY = "duplicateKey";
    /** A key the schema does not know at that place (usually a typo). */
    public static final String UNKNOWN_KEY = "unknownKey";
    /** A value of the wrong type or outside its allowed values, or a missing required key. */
    public static final String SCHEMA = "schema";
    /** The file is not UTF-8 text (binary data, invalid bytes, control characters). */
    public static final String ENCODING = "encoding";
    /** The file exceeds {@link LoaderLimits#maxFileBytes()}. */
    public static final String FILE_TOO_LARGE = "fileTooLarge";
    /** A line exceeds {@link LoaderLimits#maxLineLength()}. */
    public static final String LINE_TOO_LONG = "lineTooLong";
    /** Maps and lists nest deeper than {@link LoaderLimits#maxDepth()}. */
    public static final String TOO_DEEP = "tooDeep";
    /** Aliases expand the document beyond {@link LoaderLimits#maxAliasExpansion()}. */
    public static final String ALIAS_LIMIT = "aliasLimit";
    /** The file or directory could not be read. */
    public static final String IO = "io";
    /** The platform definition is well-formed but inconsistent (unknown cluster, duplicate stage, ...). */
    public static final String PLATFORM = "platform";

    private LoadRules() {
    }
}
