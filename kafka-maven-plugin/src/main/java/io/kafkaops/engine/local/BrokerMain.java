package io.kafkaops.engine.local;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Entry point of the broker's child JVM: runs the given main class (normally {@code kafka.Kafka}) and exits when its
 * standard input reaches end of file. The parent keeps that pipe open for the broker's whole life, so the pipe closes
 * exactly when the parent JVM dies, even by {@code kill -9} where no shutdown hook runs. Without this an aborted test
 * run would leave an orphaned broker behind. Only JDK classes here: Kafka is reached by reflection.
 */
final class BrokerMain {

    private static final long HALT_AFTER_SECONDS = 30;

    private BrokerMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: BrokerMain <main class> [args...]");
        }
        Thread watchdog = new Thread(BrokerMain::exitWhenParentIsGone, "kafkaops-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void exitWhenParentIsGone() {
        try {
            byte[] buffer = new byte[256];
            while (System.in.read(buffer) != -1) {
                // the parent never writes; anything read is ignored
            }
        } catch (IOException e) {
            // a broken pipe means the same as end of file
        }
        Thread halt = new Thread(() -> {
            try {
                TimeUnit.SECONDS.sleep(HALT_AFTER_SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(2);
        }, "kafkaops-halt");
        halt.setDaemon(true);
        halt.start();
        // exit runs Kafka's own shutdown hook (a clean shutdown); halt covers a shutdown that hangs
        System.exit(1);
    }
}
