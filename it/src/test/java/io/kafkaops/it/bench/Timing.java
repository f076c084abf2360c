package io.kafkaops.it.bench;

import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * One timed run: wall time, and the process's CPU time over the same interval. On a machine other builds share, the
 * CPU time shows the work done when the wall time is inflated by waiting for a core.
 */
record Timing(double wallMillis, double cpuMillis, Object result) {

    static Timing of(Supplier<?> work) {
        long cpu0 = Bench.processCpuNanos();
        long t0 = System.nanoTime();
        Object result = work.get();
        long wall = System.nanoTime() - t0;
        long cpu = Bench.processCpuNanos() - cpu0;
        Bench.consume(result);
        return new Timing(Bench.millis(wall), cpu0 < 0 ? -1 : Bench.millis(cpu), result);
    }

    /** The run with the median wall time. */
    static Timing median(List<Timing> runs) {
        List<Timing> sorted = runs.stream().sorted(Comparator.comparingDouble(Timing::wallMillis)).toList();
        return sorted.get(sorted.size() / 2);
    }

    @Override
    public String toString() {
        return cpuMillis < 0 ? String.format("%.0f ms", wallMillis)
                : String.format("%.0f ms (%.0f ms)", wallMillis, cpuMillis);
    }
}
