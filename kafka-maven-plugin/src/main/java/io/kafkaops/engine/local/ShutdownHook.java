package io.kafkaops.engine.local;

/** A JVM shutdown hook that is registered once and can be taken back, so nothing it owns outlives the JVM. */
final class ShutdownHook {

    private final String threadName;
    private final Runnable action;
    private Thread thread;

    ShutdownHook(String threadName, Runnable action) {
        this.threadName = threadName;
        this.action = action;
    }

    /** Registers the hook unless it is registered already. */
    void register() {
        if (thread != null) {
            return;
        }
        thread = new Thread(action, threadName);
        Runtime.getRuntime().addShutdownHook(thread);
    }

    /** Takes the hook back, if registered. */
    void unregister() {
        if (thread == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException jvmIsShuttingDown) {
            // the hook is running or about to: it does the same work
        }
        thread = null;
    }
}
