package dev.clockscope.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an output whole or not at all: into a {@link TempSibling}, then renamed onto the target. A process killed
 * mid-write, or a writer that fails halfway, leaves the target as it was (absent, or the last whole version) and no
 * half-written file under its name for a reader to take as complete.
 */
public final class WholeFile {
    /** Writes the body of a file to {@code out}; need not close it. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private WholeFile() {
    }

    /** @throws WriteFailed naming {@code target} when the write fails (the body's own failures too) */
    public static void write(Path target, Body body) throws IOException {
        try {
            writeOrFail(target, body);
        } catch (IOException e) {
            throw WriteFailed.of(target, e);
        }
    }

    private static void writeOrFail(Path target, Body body) throws IOException {
        Path temp = TempSibling.create(target);
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                body.writeTo(out);
            }
            TempSibling.moveOnto(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** {@code text} as UTF-8, whole or not at all. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
