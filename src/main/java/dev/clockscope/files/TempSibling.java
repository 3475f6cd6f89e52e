package dev.clockscope.files;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;

/**
 * An empty temporary file next to an output, to write in full and then move onto it (a rename within one
 * directory). Created like every other output, mode 0666 less the umask (0644 under umask 022), not with
 * {@link Files#createTempFile}, whose 0600 the move would carry into the output.
 */
public final class TempSibling {
    /** Names of temporary files; their randomness only avoids collisions, so SecureRandom is not needed. */
    private static final Random NAMES = new Random();

    private TempSibling() {
    }

    /**
     * Moves a written temporary file onto its target, replacing it: atomically (a rename within one directory), or,
     * where the file system cannot, with a plain move.
     */
    public static void moveOnto(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A new empty {@code .<name><random>.tmp} in {@code target}'s directory. */
    public static Path create(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        while (true) {
            Path temp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(NAMES.nextLong()) + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException taken) {
                // another writer's temporary file: draw another name
            }
        }
    }
}
