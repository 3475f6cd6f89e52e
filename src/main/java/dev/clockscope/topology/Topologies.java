package dev.clockscope.topology;

import java.nio.file.Path;

/** The entry point: a topology from what the user typed, a generator spec or a path to a .json file. */
public final class Topologies {
    /** The option the CLI reads the spec from, named in every error. */
    public static final String OPTION = "--topology";

    private Topologies() {
    }

    /** {@link #parse(String, String, int, long)} for the {@value #OPTION} option. */
    public static Topology parse(String spec, int machines, long seed) throws TopologyException {
        return parse(OPTION, spec, machines, seed);
    }

    /**
     * A spec ending in {@code .json} is a topology file, which fixes the number of machines:
     * {@code machines} must then be 0 (take the file's) or equal to it. Anything else is a generator spec
     * ({@link Generators}) over {@code machines} machines drawn with {@code seed}.
     *
     * @param option names the source in errors, e.g. {@code --topology}
     * @throws TopologyException one line: {@code --topology: "random-regular:x": K must be a whole number}
     */
    public static Topology parse(String option, String spec, int machines, long seed) throws TopologyException {
        try {
            if (spec.strip().toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
                Topology t = TopologyFiles.read(Path.of(spec.strip()));
                if (machines != 0 && machines != t.size()) {
                    throw new TopologyException(spec.strip() + ": has " + t.size() + " machines, not " + machines);
                }
                return t;
            }
            return Generators.generate(spec, machines, seed);
        } catch (TopologyException e) {
            throw new TopologyException(option + ": " + e.getMessage());
        }
    }
}
