package io.lpmsedge.simulator.fleet;

import io.lpmsedge.simulator.link.SensorPort;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * N independent simulated sensors in one process, one thread each, sharing one pacing epoch so their clocks
 * agree. Closing the fleet stops every sensor and closes every port.
 */
public final class Fleet implements AutoCloseable {
    private final List<SensorRunner> runners;
    private final List<Thread> threads = new ArrayList<>();

    private Fleet(List<SensorRunner> runners) {
        this.runners = runners;
    }

    /**
     * Starts one sensor per spec on the port at the same index.
     *
     * @param speed real-time factor; {@link Double#POSITIVE_INFINITY} for as fast as possible
     * @param truth ground-truth log shared by all sensors, or {@code null}
     */
    public static Fleet start(List<SensorSpec> specs, List<? extends SensorPort> ports, double speed, TruthLog truth) {
        if (specs.size() != ports.size()) {
            throw new IllegalArgumentException(specs.size() + " sensors but " + ports.size() + " ports");
        }
        Pacer pacer = new Pacer(System.nanoTime(), speed);
        List<SensorRunner> runners = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            runners.add(new SensorRunner(specs.get(i), ports.get(i), pacer, truth));
        }
        Fleet fleet = new Fleet(runners);
        for (SensorRunner r : runners) {
            Thread t = new Thread(r, "sim-sensor-" + r.spec().imuId());
            t.setDaemon(true);
            fleet.threads.add(t);
            t.start();
        }
        return fleet;
    }

    public List<SensorRunner> runners() {
        return runners;
    }

    /** Waits until every sensor has finished its duration (or was stopped). */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (SensorRunner r : runners) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !r.awaitFinished(left, TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return true;
    }

    public void awaitForever() throws InterruptedException {
        for (SensorRunner r : runners) {
            while (!r.awaitFinished(1, TimeUnit.HOURS)) {
                // keep waiting: a sensor without a duration runs until stopped
            }
        }
    }

    public List<RunnerStats> stats() {
        List<RunnerStats> out = new ArrayList<>();
        for (SensorRunner r : runners) {
            out.add(r.stats());
        }
        return out;
    }

    /** Stops every sensor, waits for their threads, closes their ports. */
    @Override
    public void close() throws IOException {
        for (SensorRunner r : runners) {
            r.stop();
        }
        try {
            for (Thread t : threads) {
                t.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // still close the ports below
        }
        IOException first = null;
        for (SensorRunner r : runners) {
            try {
                r.port().close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
