package dev.clockscope.cli;

import dev.clockscope.eventlog.Event;
import dev.clockscope.node.MachineIds;
import dev.clockscope.sim.MachineControl;
import dev.clockscope.sim.RunSinks;
import dev.clockscope.sim.SimBatch;
import dev.clockscope.sim.SimOptions;
import dev.clockscope.sim.Simulation;
import dev.clockscope.web.ControlException;
import dev.clockscope.web.ControlRequest;
import dev.clockscope.web.ControlTarget;
import dev.clockscope.web.LiveHub;
import dev.clockscope.web.LiveServer;
import dev.clockscope.web.LiveServerException;
import dev.clockscope.web.RunDescription;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code vm simulate --live}: the simulation paced for the eye ({@code --speed}: 1 = virtual time at the wall
 * clock's pace), its events published in process into the live view, and the page's controls applied by the
 * simulation itself. Up to {@value #ALL_SHOWN_MAX} machines every one is shown; above, the watched ones.
 */
final class LiveSimulation implements SimBatch.Live, ControlTarget, AutoCloseable {
    static final int ALL_SHOWN_MAX = 1_000;

    private final LiveHub hub;
    private final LiveServer server;
    private final double speed;
    private final int[] watch;
    private volatile Simulation current;
    private volatile MachineIds ids;
    private volatile long wallStartNanos;
    private volatile boolean stopped;
    private volatile long originMicros;
    /** Where the last control was done, for its mark on the diagram (one control thread calls apply, then this). */
    private volatile long appliedMicros;

    private LiveSimulation(String bind, double speed, int[] watch, int vectorEntries) throws LiveServerException {
        this.hub = LiveHub.forVectors(vectorEntries);
        this.speed = speed;
        this.watch = watch.clone();
        this.server = LiveServer.start(hub, this, bind, 0);
    }

    /** {@code vectorEntries}: the run's vector clocks' length, 0 without them (bounds the hub's memory). */
    static LiveSimulation start(String bind, boolean open, double speed, int[] watch, int vectorEntries,
                                PrintWriter out) throws LiveServerException {
        LiveSimulation live = new LiveSimulation(bind, speed, watch, vectorEntries);
        out.println("live view: " + live.server.url());
        out.flush();
        if (open) {
            Browser.open(live.server.url(), out);
        }
        return live;
    }

    @Override
    public RunSinks.Consumer starting(int run, int runs, SimOptions options, Simulation simulation) {
        MachineIds machines = options.ids();
        int n = machines.size();
        boolean[] shown = new boolean[n];
        List<String> shownIds = new ArrayList<>();
        if (n <= ALL_SHOWN_MAX) {
            java.util.Arrays.fill(shown, true);
            shownIds.addAll(machines.asList());
        } else {
            int[] w = watch.length > 0 ? watch : java.util.stream.IntStream.range(0, 6).toArray();
            for (int m : w) {
                shown[m] = true;
                shownIds.add(machines.id(m));
            }
        }
        hub.describeRun(new RunDescription("simulated run " + run + "/" + runs + " (seed " + options.seed() + ", speed "
                + speed + "x)", "live", shownIds, true));
        ids = machines;
        originMicros = options.originMicros();
        current = simulation;
        if (stopped) {
            simulation.endNow("signal");
        }
        wallStartNanos = System.nanoTime();
        long[] lines = new long[n];
        return (m, event) -> {
            if (shown[m]) {
                lines[m] = event instanceof Event.Start ? 1 : lines[m] + 1;
                hub.publish(machines.id(m), lines[m], event);
            }
        };
    }

    /**
     * Waits until the wall clock has caught up with the virtual time at {@code speed}, or until a control comes
     * (the simulation wakes this thread): at a slow speed the next event can be minutes of wall time away.
     */
    @Override
    public Simulation.Pacer pacer() {
        return (virtualNanos, controlWaiting) -> {
            long due = wallStartNanos + Math.min(wallNanos(virtualNanos), Long.MAX_VALUE / 4);
            for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
                if (controlWaiting.getAsBoolean()) {
                    return Math.min(virtualNanos, reached(now));
                }
                LockSupport.parkNanos(Math.min(due - now, 50_000_000L));
            }
            return virtualNanos;
        };
    }

    /** Wall time for {@code virtualNanos} at {@code speed}, saturated: 100,000 h at 0.001 do not fit in a long. */
    private long wallNanos(long virtualNanos) {
        double wall = virtualNanos / speed;
        return wall >= Long.MAX_VALUE / 4.0 ? Long.MAX_VALUE / 4 : (long) wall;
    }

    private long reached(long wallNanos) {
        return (long) Math.max(0, (wallNanos - wallStartNanos) * speed);
    }

    /** How long a control waits for the simulation's thread, which takes it at once unless an event runs long. */
    private static final long CONTROL_WAIT_SECONDS = 10;

    @Override
    public String apply(ControlRequest r) throws ControlException {
        Simulation sim = current;
        MachineIds machines = ids;
        if (sim == null) {
            throw new ControlException("no simulation in progress");
        }
        int target = machines.indexOf(r.target());
        if (target < 0) {
            throw new ControlException("machine: \"" + r.target() + "\" is not a machine of this run");
        }
        java.util.concurrent.CompletableFuture<Long> done = switch (r.action()) {
            case PAUSE -> sim.control(MachineControl.PAUSE, target);
            case RESUME -> sim.control(MachineControl.RESUME, target);
            case KILL -> sim.control(MachineControl.KILL, target);
            case RESTART -> sim.control(MachineControl.RESTART, target);
            default -> {
                int peer = machines.indexOf(r.to());
                if (peer < 0) {
                    throw new ControlException("to: \"" + r.to() + "\" is not a machine of this run");
                }
                yield sim.control(target, peer, LiveControls.linkLine(r));
            }
        };
        long atNanos;
        try {
            atNanos = done.get(CONTROL_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new ControlException(e.getCause().getMessage());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ControlException(r.describe() + ": the simulation did not take it within " + CONTROL_WAIT_SECONDS
                    + " s; it will at its next event");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlException(r.describe() + ": interrupted");
        }
        appliedMicros = originMicros + atNanos / 1_000;
        return String.format(java.util.Locale.ROOT, "%s at %.3f s of virtual time", r.describe(), atNanos / 1e9);
    }

    /** A control is drawn where the simulation did it (its events are at the run's origin plus virtual time). */
    @Override
    public long markMicros() {
        return appliedMicros;
    }

    /** Ctrl-C / SIGTERM: the run in progress ends at its next event (machines stop, logs complete), no other starts. */
    void stop() {
        stopped = true;
        Simulation sim = current;
        if (sim != null) {
            sim.endNow("signal");
        }
    }

    @Override
    public boolean stopped() {
        return stopped;
    }

    @Override
    public void close() {
        server.close();
    }
}
