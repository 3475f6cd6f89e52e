package dev.clockscope.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A batch's directory under {@code --output-dir}: {@code <yyyyMMdd-HHmmss>-<name>}, or {@code -2}, {@code -3}...
 * when that is taken, so that a batch never writes into another's. Made here, before the batch is announced: an
 * output directory that cannot hold one (a file, no permission) is then one line, not a stack trace mid-run.
 */
final class BatchDir {
    private BatchDir() {
    }

    static Path create(Path outputDir, String batchName) throws IOException {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Files.createDirectories(outputDir);
        for (int n = 1; ; n++) {
            Path dir = outputDir.resolve(stamp + "-" + batchName + (n == 1 ? "" : "-" + n));
            try {
                return Files.createDirectory(dir);
            } catch (FileAlreadyExistsException taken) {
                // the same second, the same name: the next number
            }
        }
    }

    /** The one line for {@code e}: {@code --output-dir: "DIR": cannot make a batch directory there: REASON}. */
    static String problem(Path outputDir, IOException e) {
        String reason;
        if (e instanceof FileAlreadyExistsException x) {
            reason = x.getFile() + " is a file, not a directory";
        } else if (e instanceof AccessDeniedException x) {
            reason = "permission denied (" + x.getFile() + ")";
        } else if (e instanceof NoSuchFileException x) {
            reason = "no such directory (" + x.getFile() + ")";
        } else if (e instanceof FileSystemException x && x.getReason() != null) {
            reason = x.getReason() + " (" + x.getFile() + ")";
        } else {
            reason = String.valueOf(e.getMessage());
        }
        return "--output-dir: \"" + outputDir + "\": cannot make a batch directory there: " + reason;
    }
}
