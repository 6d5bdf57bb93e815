package dev.tenantconnect.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time of one scenario, split between the simulated cloud's threads and everyone else's (the SDK and the
 * harness), from each thread's CPU time ({@link ThreadMXBean}). Threads that end during the scenario (the bulk run's
 * workers) are sampled every {@value #EVERY_MS} ms, so at most that much of their last moments goes uncounted; the
 * whole process's CPU time (which also holds the garbage collector and the JIT compiler) is reported beside.
 */
final class CpuMeter implements AutoCloseable {
    static final long EVERY_MS = 20;

    /** One scenario's CPU time: simulator threads, the other Java threads, the whole process. */
    record Cpu(Duration simulator, Duration sdk, Duration process) {
        static final Cpu NONE = new Cpu(Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Predicate<String> simulatorThread;
    private final Map<Long, Long> initial = new HashMap<>();
    private final Map<Long, Long> last = new HashMap<>();
    private final Map<Long, Boolean> simulator = new HashMap<>();
    private final long processStart;
    private final Thread sampler;
    private volatile boolean running = true;

    /** @param simulatorThread tells the simulator's threads by name */
    CpuMeter(Predicate<String> simulatorThread) {
        this.simulatorThread = simulatorThread;
        if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        this.processStart = processCpu();
        sample(true);
        sampler = new Thread(() -> {
            while (running) {
                sample(false);
                try {
                    Thread.sleep(EVERY_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "cpu-meter");
        sampler.setDaemon(true);
        sampler.start();
    }

    private synchronized void sample(boolean first) {
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null || info.getThreadName().equals("cpu-meter")) {
                continue;
            }
            long id = info.getThreadId();
            long cpu = threads.getThreadCpuTime(id);
            if (cpu < 0) {
                continue;
            }
            if (first) {
                initial.put(id, cpu);
            }
            last.put(id, cpu);
            simulator.computeIfAbsent(id, x -> simulatorThread.test(info.getThreadName()));
        }
    }

    /** Stops sampling; returns the CPU time since this meter was made. */
    synchronized Cpu stop() {
        running = false;
        sampler.interrupt();
        sample(false);
        long sim = 0;
        long other = 0;
        for (Map.Entry<Long, Long> e : last.entrySet()) {
            long used = e.getValue() - initial.getOrDefault(e.getKey(), 0L);
            if (simulator.get(e.getKey())) {
                sim += used;
            } else {
                other += used;
            }
        }
        return new Cpu(Duration.ofNanos(sim), Duration.ofNanos(other), Duration.ofNanos(processCpu() - processStart));
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }

    private static long processCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** @return the machine's load averages over 1, 5 and 15 minutes ({@code /proc/loadavg}), or what the JVM knows */
    static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return String.format(java.util.Locale.ROOT, "%.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
