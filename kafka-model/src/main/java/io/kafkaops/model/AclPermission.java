package io.kafkaops.model;

/** Whether an ACL binding allows or denies. */
public enum AclPermission {
    ALLOW,
    DENY
}
