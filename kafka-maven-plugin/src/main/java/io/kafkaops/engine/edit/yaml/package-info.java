/**
 * The YAML text machinery under the entity edits: parse a file keeping every offset
 * ({@link io.kafkaops.engine.edit.yaml.YamlText}), detect its style (indentation, quotes, line endings), render new
 * values in that style and splice them into the original text so that untouched lines, comments and formatting stay
 * byte for byte. Depends on SnakeYAML only; knows nothing of entities.
 */
package io.kafkaops.engine.edit.yaml;
