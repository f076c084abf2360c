package io.kafkaops.engine.ownership;

/**
 * One record of the ownership topic as read from its log.
 *
 * @param partition the partition (the topic has one; all records of one key are in one partition in any case)
 * @param offset    its offset: the log order that arbitrates claims and leases
 * @param key       the record key
 * @param value     the raw JSON value, or null for a tombstone
 */
public record LogEntry(int partition, long offset, String key, String value) {
}
