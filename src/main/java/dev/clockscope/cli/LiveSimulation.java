package dev.clockscope.cli;

import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLog;
import dev.clockscope.node.MachineIds;
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
import java.util.function.IntFunction;

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
    public IntFunction<EventLog> starting(int run, int runs, SimOptions options, Simulation simulation) {
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
        return m -> !shown[m] ? null : event -> {
            lines[m] = event instanceof Event.Start ? 1 : lines[m] + 1;
            hub.publish(machines.id(m), lines[m], event);
        };
    }

    /** Waits until the wall clock has caught up with the virtual time at {@code speed}. */
    @Override
    public Simulation.Pacer pacer() {
        return virtualNanos -> {
            long due = wallStartNanos + (long) (virtualNanos / speed);
            for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
                LockSupport.parkNanos(Math.min(due - now, 50_000_000L)); // wake now and then: controls wait
            }
        };
    }

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
        switch (r.action()) {
            case PAUSE -> sim.control(Simulation.Control.PAUSE, target);
            case RESUME -> sim.control(Simulation.Control.RESUME, target);
            case KILL -> sim.control(Simulation.Control.KILL, target);
            case RESTART -> sim.control(Simulation.Control.RESTART, target);
            default -> {
                int peer = machines.indexOf(r.to());
                if (peer < 0) {
                    throw new ControlException("to: \"" + r.to() + "\" is not a machine of this run");
                }
                sim.control(target, peer, LiveControls.linkLine(r));
            }
        }
        return r.describe() + " at the simulation's next event";
    }

    /**
     * A control is drawn at the simulation's clock, where the pacing has brought it (its events are at the run's
     * origin plus virtual time, not at the host's clock), at most its end.
     */
    @Override
    public long markMicros() {
        Simulation sim = current;
        if (sim == null) {
            return ControlTarget.super.markMicros();
        }
        long virtualNanos = (long) Math.min(sim.endNanos(), Math.max(0, (System.nanoTime() - wallStartNanos) * speed));
        return originMicros + virtualNanos / 1_000;
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
