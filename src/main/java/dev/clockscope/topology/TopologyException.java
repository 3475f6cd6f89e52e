package dev.clockscope.topology;

/**
 * A topology spec or file that cannot be used. The message is one line that names the option or file, the
 * field (a JSON path such as {@code links[3].target} for files) and the bad value; the CLI prints it and exits 2.
 */
public final class TopologyException extends Exception {
    public TopologyException(String message) {
        super(message);
    }
}
