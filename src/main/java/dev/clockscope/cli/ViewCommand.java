package dev.clockscope.cli;

import dev.clockscope.web.LiveHub;
import dev.clockscope.web.LiveServer;
import dev.clockscope.web.LiveServerException;
import dev.clockscope.web.RunDescription;
import dev.clockscope.web.RunFollower;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/** {@code vm view DIR}: the live view's page over a finished run, or over logs that are still growing. */
@Command(name = "view",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersion.class,
        sortOptions = false,
        description = {
            "Serves the interactive view (space-time diagram, causal past and future of an event, communication"
                    + " graph, clocks) of the machine logs in DIR, on 127.0.0.1 by default; prints its address, with a"
                    + " random token that the page needs. Runs until Ctrl-C.",
            "  vm view output_files/<batch>/run-1      a finished run",
            "  vm view --follow output_files           machines started by hand, followed as they log"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by Ctrl-C or SIGTERM", "2:bad arguments or no logs in DIR",
            "3:cannot listen on the address"})
public final class ViewCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "A run directory, or an output directory with --follow.")
    Path dir;

    @Option(names = "--follow", description = "Follow the logs as they grow, and logs that appear later.")
    boolean follow;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = LiveServer.DEFAULT_BIND,
            description = "Address to listen on (default: ${DEFAULT-VALUE}; anything else exposes the view to the network, token still required).")
    String bind;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0", description = "Port (default: any free one).")
    int port;

    @Option(names = "--open", description = "Open the page in the system browser (xdg-open), if there is one.")
    boolean open;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(dir)) {
            err.println("error: DIR: \"" + dir + "\" is not a directory");
            return ExitCodes.BAD_INPUT;
        }
        if (!follow && !hasLogs(dir)) {
            err.println("error: DIR: \"" + dir + "\" holds no machine logs (*.log); use --follow to wait for them");
            return ExitCodes.BAD_INPUT;
        }
        if (port < 0 || port > 65_535) {
            err.println("error: --port: " + port + " is not 0..65535");
            return ExitCodes.BAD_INPUT;
        }
        LiveHub hub = hubFor(dir);
        hub.describeRun(new RunDescription(dir.toAbsolutePath().normalize().toString(), follow ? "follow" : "finished",
                List.of(), false));
        LiveServer server;
        try {
            server = LiveServer.start(hub, null, bind, port);
        } catch (LiveServerException e) {
            err.println("error: " + (e.badInput() ? "--bind: " : "") + e.getMessage());
            return e.badInput() ? ExitCodes.BAD_INPUT : ExitCodes.CANNOT_START;
        }
        CountDownLatch stop = new CountDownLatch(1);
        for (String sig : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(sig), s -> stop.countDown());
            } catch (IllegalArgumentException e) {
                // no such signal here: the JVM's default handling still ends the process
            }
        }
        try (RunFollower follower = RunFollower.start(dir, hub, follow)) {
            out.println("view of " + dir + ": " + server.url());
            out.println("(Ctrl-C to stop)");
            out.flush();
            if (open) {
                Browser.open(server.url(), out);
            }
            stop.await();
        } finally {
            server.close();
        }
        return ExitCodes.OK;
    }

    /** A hub whose ring suits the logs in {@code dir}: one per machine, each event a vector of that many entries. */
    static LiveHub hubFor(Path dir) {
        int logs = 0;
        try (DirectoryStream<Path> all = Files.newDirectoryStream(dir, "*.log")) {
            for (Path ignored : all) {
                logs++;
            }
        } catch (IOException e) {
            // the followers will say what is wrong with the directory
        }
        return LiveHub.forVectors(logs);
    }

    private static boolean hasLogs(Path dir) {
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(dir, "*.log")) {
            return logs.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }
}
