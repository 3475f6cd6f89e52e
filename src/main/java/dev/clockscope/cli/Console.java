package dev.clockscope.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Console verbosity: --quiet shows warnings and errors only, --verbose adds debug lines. */
final class Console {
    private Console() {
    }

    static void configure(boolean quiet, boolean verbose) {
        Logger clockscope = (Logger) LoggerFactory.getLogger("dev.clockscope");
        if (quiet) {
            clockscope.setLevel(Level.WARN);
        } else if (verbose) {
            clockscope.setLevel(Level.DEBUG);
        }
    }
}
