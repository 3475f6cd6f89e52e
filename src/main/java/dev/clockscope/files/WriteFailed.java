package dev.clockscope.files;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A write to an output failed (a full disk, say), named by its file: the system's own message ("No space left on
 * device") names none. The commands report it in one line, exit 4.
 */
public final class WriteFailed extends IOException {
    public WriteFailed(Path target, IOException cause) {
        super("cannot write " + target + ": " + cause.getMessage(), cause);
    }

    /** {@code e} as a write to {@code target} failed, unless it already names its file. */
    public static WriteFailed of(Path target, IOException e) {
        return e instanceof WriteFailed named ? named : new WriteFailed(target, e);
    }
}
