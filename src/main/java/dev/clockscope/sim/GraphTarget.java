package dev.clockscope.sim;

import dev.clockscope.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where {@code --graph} may write, checked before anything runs. */
final class GraphTarget {
    private GraphTarget() {
    }

    /**
     * The graph is written after each run, into a temporary file beside it: a directory that is missing or
     * read-only would fail only then, after minutes of simulation, with a stack trace. And it is moved onto its
     * file: {@code --graph} naming the run's own topology file or config.json replaced it with the graph.
     * One run writes {@code graph} itself; several write {@code graph-run-i.ext}.
     */
    static void check(Path graph, int runs, Path topologyFile, Path configFile) throws ConfigException {
        Path dir = graph.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("--graph: \"" + graph + "\": no such directory " + dir);
        }
        if (!Files.isWritable(dir)) {
            throw new ConfigException("--graph: \"" + graph + "\": directory " + dir + " is not writable");
        }
        if (runs == 1) {
            refuseInput(graph, topologyFile, "--topology");
            refuseInput(graph, configFile, "--config");
        }
    }

    private static void refuseInput(Path graph, Path input, String option) throws ConfigException {
        try {
            if (input != null && Files.exists(graph) && Files.exists(input) && Files.isSameFile(graph, input)) {
                throw new ConfigException("--graph: \"" + graph + "\" is this run's " + option
                        + " file; it would be replaced by the graph");
            }
        } catch (IOException e) {
            // unreadable: the write says so later, as for any output
        }
    }
}
