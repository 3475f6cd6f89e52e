package dev.clockscope.analysis.report;

import dev.clockscope.files.TempSibling;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Outputs written under temporary names next to their targets and moved into place only by {@link #commit()}.
 * Exports stream while the runs are read, and a later run may turn out unusable halfway: staging keeps the
 * promise that nothing is written (and no earlier export overwritten) then. Closing without a commit deletes
 * the temporary files and the directories made for them.
 */
public final class PendingFiles implements Closeable {
    private final Map<Path, Path> targets = new LinkedHashMap<>();
    private final List<Path> madeDirs = new ArrayList<>();
    private final List<Path> runDirs = new ArrayList<>();
    private boolean committed;

    /**
     * Marks {@code dir} as a run being read: its logs, and those in its {@code previous/}, are never an output
     * ({@code --json run-1/machine_1.log} replaced a machine's log with the summary).
     */
    public void protectLogsIn(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        runDirs.add(d);
        runDirs.add(d.resolve("previous"));
    }

    /**
     * A new empty file to write instead of {@code target}, in the same directory so the move is a rename;
     * {@code option} names the target in errors.
     */
    public Path stage(String option, Path target) throws OutputException {
        if (Files.isDirectory(target)) {
            throw new OutputException(option + ": \"" + target + "\" is a directory");
        }
        Path at = target.toAbsolutePath().normalize();
        if (at.getFileName().toString().endsWith(".log") && runDirs.contains(at.getParent())) {
            throw new OutputException(option + ": \"" + target + "\" is a machine's log in a run being analyzed;"
                    + " logs are never overwritten");
        }
        Path parent = target.toAbsolutePath().getParent();
        directory(option, target.getParent() == null ? parent : target.getParent());
        try {
            Path temp = TempSibling.create(target); // an output's mode, not createTempFile's 0600
            // a process ended mid-analysis (vm simulate's SIGTERM) leaves no temporary file; once moved, nothing to do
            temp.toFile().deleteOnExit();
            targets.put(temp, target);
            return temp;
        } catch (IOException e) {
            throw new OutputException(option + ": cannot write in \"" + parent + "\": " + reason(e));
        }
    }

    /**
     * Makes {@code dir} and its missing parents, remembering them to remove if nothing is committed. Checked
     * here because Java's own errors name only the path: "config.json" for a file in the way.
     */
    public void directory(String option, Path dir) throws OutputException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p)) {
                break;
            }
            if (Files.exists(p)) {
                throw new OutputException(option + ": \"" + p + "\" is not a directory");
            }
            missing.add(0, p);
        }
        for (Path p : missing) {
            try {
                Files.createDirectory(p);
            } catch (IOException e) {
                throw new OutputException(option + ": cannot create \"" + p + "\": " + reason(e));
            }
            madeDirs.add(p);
        }
    }

    /** What went wrong, without the path the message names already. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** An output that cannot be written; the message says which option, which path and why. */
    public static final class OutputException extends IOException {
        OutputException(String message) {
            super(message);
        }
    }

    /** Moves every staged file onto its target, replacing what was there. */
    public void commit() throws IOException {
        for (Map.Entry<Path, Path> e : targets.entrySet()) {
            TempSibling.moveOnto(e.getKey(), e.getValue());
        }
        committed = true;
    }

    @Override
    public void close() {
        if (committed) {
            return;
        }
        for (Path temp : targets.keySet()) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // best effort: the error that got us here is the one to report
            }
        }
        for (int i = madeDirs.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(madeDirs.get(i));
            } catch (IOException e) {
                // not empty (someone else wrote there) or not ours to remove
            }
        }
    }
}
