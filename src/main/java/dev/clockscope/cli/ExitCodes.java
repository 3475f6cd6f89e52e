package dev.clockscope.cli;

/** Process exit codes; documented in the README. */
public final class ExitCodes {
    public static final int OK = 0;
    /** analyze: a correctness check failed. */
    public static final int CHECK_FAILED = 1;
    /** Bad arguments, bad config.json or unusable input. */
    public static final int BAD_INPUT = 2;
    /** The machine cannot start here: port in use, host unresolvable, output directory not writable. */
    public static final int CANNOT_START = 3;
    /** The machine failed while running, e.g. its event log could not be written. */
    public static final int FAILED = 4;

    private ExitCodes() {
    }
}
