package dev.clockscope.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * What a command that could not write its output prints: one line naming the file and the reason (a full disk:
 * "cannot write …/machine_3.log: No space left on device"), exit 4, as a machine whose log cannot be written. What
 * was written before stays. Any other exception is a bug, and keeps picocli's stack trace for its report.
 */
final class OutputErrors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parsed)
            throws Exception {
        IOException io = e instanceof UncheckedIOException u ? u.getCause() : e instanceof IOException i ? i : null;
        if (io == null) {
            throw e;
        }
        command.getErr().println("error: " + io.getMessage());
        command.getErr().flush();
        return ExitCodes.FAILED;
    }
}
