/**
 * Reading the repository's entity files and the platform definition into the model, with every problem as a
 * {@link io.kafkaops.model.Diagnostic} at {@code file:line:col}: YAML is parsed into a located tree
 * ({@link io.kafkaops.model.load.YamlReader}: the plain subset entity files are written in directly, anything else
 * with jackson and snakeyaml, which report the problems), each document is validated once against the shipped JSON Schema
 * ({@link io.kafkaops.model.load.SchemaValidator}: a throw-free check on the tree passes valid documents, everit maps
 * the problems of the others to diagnostics), and the valid parts become records
 * ({@link io.kafkaops.model.load.EntityLoader}, {@link io.kafkaops.model.load.PlatformLoader}). Hostile input (binary,
 * huge, deeply nested, alias bombs) is bounded by {@link io.kafkaops.model.load.LoaderLimits} and reported, never thrown. Depends on the model, Jackson
 * YAML and SnakeYAML.
 */
package io.kafkaops.model.load;
