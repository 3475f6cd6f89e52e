package dev.clockscope.cli;

import dev.clockscope.runtime.MachineRuntime;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM ask the machine to stop; its run then ends normally, the log is closed
 * complete and the process exits 0. A shutdown hook covers any other way the JVM is asked to exit.
 */
final class StopSignals {
    private StopSignals() {
    }

    /** Ctrl-C and SIGTERM run {@code stop} instead of ending the JVM. */
    static void onStop(Runnable stop) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), s -> stop.run());
            } catch (IllegalArgumentException e) {
                // the signal does not exist on this platform: the JVM's default handling still ends the process
            }
        }
    }

    /**
     * Ends the process now with exit 130 after one line on {@code err}, from a signal handler's thread, for a phase
     * with nothing worth finishing. Outputs written under a temporary name and renamed when whole are never left
     * half-written under their own name.
     */
    static void exitStopped(java.io.PrintWriter err, String line) {
        err.println(line);
        err.flush();
        System.exit(ClusterCommand.ABORTED);
    }

    static void install(MachineRuntime runtime) {
        onStop(() -> runtime.requestStop("signal"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.requestStop("shutdown");
            try {
                runtime.awaitStopped(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-on-exit"));
    }

    /**
     * The parent holds our stdin open; EOF means it is gone (even after kill -9), so stop. Meanwhile each line it
     * writes is a control for one of our links (the live view's cut, heal, delay, loss).
     */
    static void stopWhenStdinCloses(MachineRuntime runtime) {
        Thread watcher = new Thread(() -> {
            try {
                java.io.BufferedReader lines = new java.io.BufferedReader(
                        new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!line.isBlank()) {
                        runtime.control(line);
                    }
                }
            } catch (java.io.IOException e) {
                // a broken pipe means the parent is gone, too
            }
            runtime.requestStop("parent gone");
        }, "stop-on-stdin-eof");
        watcher.setDaemon(true);
        watcher.start();
    }
}
