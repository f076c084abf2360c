/**
 * The JSON Schemas of the entity files and the platform definition. They are the single description of both formats:
 * the loaders validate against them and editors complete and check with them while the user types. Depends on the JDK only.
 */
package io.kafkaops.model.schema;
