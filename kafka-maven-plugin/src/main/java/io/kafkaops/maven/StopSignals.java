package io.kafkaops.maven;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into an interrupt of the thread that waits in {@code kafka:run}, so that thread
 * stops the local Kafka, logs and lets the build end normally. Without it the JVM would shut down while Maven's own
 * shutdown hook uninstalls the ANSI console, and a message logged from another shutdown hook can be lost (or fail)
 * in that race. Where the signals cannot be handled (for example under {@code -Xrs}) nothing is installed and the
 * broker's own shutdown hook still stops it.
 */
final class StopSignals implements AutoCloseable {

    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile String received;

    private StopSignals() {
    }

    /** Installs the handlers; each signal then interrupts {@code waiter}. */
    static StopSignals interrupting(Thread waiter) {
        StopSignals s = new StopSignals();
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                SignalHandler old = Signal.handle(signal, sig -> {
                    s.received = "SIG" + sig.getName();
                    waiter.interrupt();
                });
                s.signals.add(signal);
                s.previous.add(old);
            } catch (IllegalArgumentException | UnsupportedOperationException notAvailable) {
                // this platform or JVM option does not let us handle it: the JVM's default shutdown applies
            }
        }
        return s;
    }

    /** The signal that ended the wait ("SIGINT", "SIGTERM"), or null. */
    String received() {
        return received;
    }

    /** Restores the previous handlers, so a further Ctrl-C ends the JVM as usual. */
    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            try {
                Signal.handle(signals.get(i), previous.get(i));
            } catch (IllegalArgumentException | UnsupportedOperationException ignored) {
                // nothing to restore
            }
        }
    }
}
