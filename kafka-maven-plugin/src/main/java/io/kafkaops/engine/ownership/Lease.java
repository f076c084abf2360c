package io.kafkaops.engine.ownership;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A deploy's lease on one repository's stage: while it holds one, no other deploy of that repository to that stage
 * starts. Stored in the ownership topic under {@link Ownership#leaseKey}; it has no {@code kind} and no {@code name},
 * so readers of ownership records (this plugin's older versions included) never take it for one.
 *
 * @param holder    an id of the deploy, random per run
 * @param host      the machine the deploy runs on
 * @param startedAt ISO-8601 instant the deploy took the lease
 * @param expiresAt ISO-8601 instant the lease ends unless renewed; a killed deploy's lease ends by itself
 * @param rank      the offset of the holder's first lease record, carried by its renewals; null in that first
 *                  record, whose own offset is its rank. The earliest rank among unexpired leases holds the stage
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Lease(String stage, String repository, String holder, String host, String startedAt, String expiresAt,
                    Long rank) {

    /** Whether the lease has ended at {@code now} (an unreadable expiry counts as ended). */
    public boolean expired(Instant now) {
        try {
            return !now.isBefore(Instant.parse(expiresAt));
        } catch (RuntimeException e) {
            return true;
        }
    }
}
