package io.kafkaops.it.deploy;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls for eventual state (ACLs, SCRAM users and configs reach the broker a little after the controller). */
final class Await {

    static final Duration DEFAULT = Duration.ofSeconds(20);

    private Await() {
    }

    /** Calls the check until it returns without throwing; rethrows its last failure after the timeout. */
    static <T> T result(String what, Duration timeout, Callable<T> check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 25;
        while (true) {
            try {
                return check.call();
            } catch (Exception | AssertionError e) {
                if (System.nanoTime() > deadline) {
                    AssertionError error = new AssertionError("Still not true after " + timeout.toSeconds() + " s: "
                            + what + " (" + e + ")");
                    error.addSuppressed(e);
                    throw error;
                }
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting until " + what, e);
            }
            pause = Math.min(500, pause * 2);
        }
    }

    static <T> T result(String what, Callable<T> check) {
        return result(what, DEFAULT, check);
    }

    /** Calls the check until it returns without throwing (use AssertJ assertions inside). */
    static void until(String what, Check check) {
        result(what, DEFAULT, () -> {
            check.run();
            return null;
        });
    }

    @FunctionalInterface
    interface Check {
        void run() throws Exception;
    }
}
