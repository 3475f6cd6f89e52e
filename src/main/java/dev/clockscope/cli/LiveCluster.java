package dev.clockscope.cli;

import dev.clockscope.cluster.ClusterRunner;
import dev.clockscope.config.MachineSpec;
import dev.clockscope.web.LiveHub;
import dev.clockscope.web.LiveServer;
import dev.clockscope.web.LiveServerException;
import dev.clockscope.web.RunDescription;
import dev.clockscope.web.RunFollower;
import java.io.PrintWriter;

/** {@code vm cluster --live}: the live view's server, following each run's directory as the run starts. */
final class LiveCluster implements AutoCloseable {
    private final LiveHub hub;
    private final LiveControls controls = new LiveControls();
    private final LiveServer server;
    private RunFollower follower;

    private LiveCluster(String bind, int machines) throws LiveServerException {
        hub = LiveHub.forVectors(machines);
        server = LiveServer.start(hub, controls, bind, 0);
    }

    /** {@code machines}: the runs' machine count, the length of their vector clocks. */
    static LiveCluster start(String bind, boolean open, int machines, PrintWriter out) throws LiveServerException {
        LiveCluster live = new LiveCluster(bind, machines);
        out.println("live view: " + live.server.url());
        out.flush();
        if (open) {
            Browser.open(live.server.url(), out);
        }
        return live;
    }

    ClusterRunner.RunListener listener(int runs) {
        return (i, dir, config, machineControls) -> {
            synchronized (this) {
                if (follower != null) {
                    follower.close();
                }
                hub.describeRun(new RunDescription("run " + (i + 1) + "/" + runs + " - " + dir, "live",
                        config.machines().stream().map(MachineSpec::id).toList(), true));
                controls.run(machineControls);
                follower = RunFollower.start(dir, hub, true);
            }
        };
    }

    @Override
    public synchronized void close() {
        if (follower != null) {
            follower.close();
        }
        server.close();
    }
}
