/**
 * The developer's tools for a debug session or a local stage: list the topics an account can see, consume records
 * and produce records, on the Kafka Java clients with the account's own client settings (a session's properties file
 * or the stored credentials of an embedded stage, {@link io.kafkaops.engine.debug.tools.ToolCredentials}). They never
 * print a secret; an authorisation error becomes one line naming the right the account lacks
 * ({@link io.kafkaops.engine.debug.tools.ToolException}); every wait is bounded by the caller's timeout.
 */
package io.kafkaops.engine.debug.tools;
