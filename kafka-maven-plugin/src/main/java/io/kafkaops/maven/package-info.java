/**
 * The Maven goals ({@code kafka:validate}, {@code kafka:plan}, {@code kafka:deploy}, {@code kafka:run}, the
 * entity goals and credential rotation) and their bases, plus the Maven glue: settings, resolver, logging, stop
 * signals. The only package that imports Maven (checked by {@code ArchitectureTest}); goals stay thin and delegate to
 * the engine packages.
 */
package io.kafkaops.maven;
