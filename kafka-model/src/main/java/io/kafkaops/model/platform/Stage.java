package io.kafkaops.model.platform;

import io.kafkaops.model.Location;

/**
 * A deployment stage. Stages are listed in promotion order in the platform definition.
 *
 * @param cluster      name of the cluster in the platform definition
 * @param prefix       put in front of every topic, consumer group, transactional id and principal name on this stage
 *                     (so two stages can share one cluster); empty for none
 * @param allowDeletes whether a deploy may delete topics, ACLs and service accounts the repo no longer declares
 * @param debug        what the stage allows of debug sessions; {@link DebugSettings#DEFAULT} when it says nothing
 */
public record Stage(String name, String cluster, String prefix, boolean allowDeletes, Location location,
        DebugSettings debug) {

    public Stage {
        prefix = prefix == null ? "" : prefix;
        debug = debug == null ? DebugSettings.DEFAULT : debug;
    }

    /** A stage with the default debug settings. */
    public Stage(String name, String cluster, String prefix, boolean allowDeletes, Location location) {
        this(name, cluster, prefix, allowDeletes, location, DebugSettings.DEFAULT);
    }

    /** The physical name of a logical topic, group, transactional id or principal on this stage. */
    public String physicalName(String logicalName) {
        return prefix + logicalName;
    }
}
