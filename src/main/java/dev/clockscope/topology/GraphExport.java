package dev.clockscope.topology;

import dev.clockscope.files.WholeFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Writes a topology with what a run did on it, for Gephi, yEd or spigo's viewers: GraphML
 * ({@code .graphml}, {@link GraphMlWriter}) or spigo's GraphJSON ({@code .json}, {@link GraphJsonWriter}).
 * Both stream (a million machines are never one string) and are byte-for-byte deterministic: the only
 * time in them is the run's {@code timestamp}, given by the caller (or left out).
 *
 * <p>Each undirected link is written once, from its smaller machine index ({@code source}) to the larger
 * ({@code target}), with {@code messagesForward} (sent source → target), {@code messagesBack} and their
 * sum {@code messages}.
 */
public final class GraphExport {
    /** The file formats, chosen by the file name's ending. */
    public enum Format {
        GRAPHML, GRAPHJSON;

        /** {@code .graphml} or {@code .json}; anything else is refused with a one-line message. */
        public static Format of(Path file) {
            String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
            if (name.endsWith(".graphml")) {
                return GRAPHML;
            }
            if (name.endsWith(".json")) {
                return GRAPHJSON;
            }
            throw new IllegalArgumentException(file + ": a graph file must end in .graphml or .json");
        }
    }

    /**
     * What the file says about the run: a {@code name} (GraphML's graph id, GraphJSON's "arch"), the
     * command line {@code args}, its {@code timestamp} (null: none is written), and what the run called its
     * machines, in index order ({@code machineIds}; null: the topology's own ids, generated or from its file).
     */
    public record Run(String name, String args, Instant timestamp, List<String> machineIds) {
        public Run(String name, String args, Instant timestamp) {
            this(name, args, timestamp, null);
        }

        /** Machine {@code i}'s name in the file. */
        String id(Topology topology, int i) {
            return machineIds != null ? machineIds.get(i) : topology.id(i);
        }

        void check(Topology topology) {
            if (machineIds != null && machineIds.size() != topology.size()) {
                throw new IllegalArgumentException(machineIds.size() + " machine ids for " + topology.size()
                        + " machines");
            }
        }
    }

    /**
     * What happened on the topology: {@code messages[linkIndex(i, slot)]} messages sent by machine i to its
     * slot-th neighbour (indexed like {@link Topology#linkIndex}), each machine's tick rate, and optionally
     * (null) each machine's final Lamport clock.
     */
    public record Traffic(long[] messages, int[] ticksPerSecond, long[] lamport) {
        public Traffic {
            if (messages == null || ticksPerSecond == null) {
                throw new IllegalArgumentException("messages and ticksPerSecond are required");
            }
        }

        void check(Topology topology) {
            if (messages.length != topology.directedLinkCount()) {
                throw new IllegalArgumentException(messages.length + " message counts for "
                        + topology.directedLinkCount() + " directed links");
            }
            if (ticksPerSecond.length != topology.size() || (lamport != null && lamport.length != topology.size())) {
                throw new IllegalArgumentException("per-machine arrays must have " + topology.size() + " entries");
            }
        }
    }

    private GraphExport() {
    }

    /**
     * Writes the file whole or not at all ({@link WholeFile}: a temporary file next to it, then moved over
     * {@code file}).
     */
    public static void write(Path file, Topology topology, Traffic traffic, Run run) throws IOException {
        Format format = Format.of(file);
        check(topology, traffic, run); // before the temporary file: a refused graph leaves nothing behind
        WholeFile.write(file, out -> stream(out, format, topology, traffic, run));
    }

    /** Streams the graph to {@code out} (not closed). */
    public static void write(OutputStream out, Format format, Topology topology, Traffic traffic, Run run)
            throws IOException {
        check(topology, traffic, run);
        stream(out, format, topology, traffic, run);
    }

    private static void check(Topology topology, Traffic traffic, Run run) {
        traffic.check(topology);
        run.check(topology);
    }

    private static void stream(OutputStream out, Format format, Topology topology, Traffic traffic, Run run)
            throws IOException {
        if (format == Format.GRAPHML) {
            GraphMlWriter.write(out, topology, traffic, run);
        } else {
            GraphJsonWriter.write(out, topology, traffic, run);
        }
    }

    /** Receives each undirected link once. */
    interface LinkVisitor {
        void link(long number, int source, int target, long forward, long back) throws IOException;
    }

    /** Visits every link from its smaller end, numbered from 1 in machine order. */
    static void forEachLink(Topology topology, long[] messages, LinkVisitor visitor) throws IOException {
        long number = 0;
        for (int u = 0; u < topology.size(); u++) {
            for (int slot = 0; slot < topology.degree(u); slot++) {
                int v = topology.neighbour(u, slot);
                if (v > u) {
                    long forward = messages[topology.linkIndex(u, slot)];
                    long back = messages[topology.linkIndex(v, topology.slotOf(v, u))];
                    visitor.link(++number, u, v, forward, back);
                }
            }
        }
    }
}
