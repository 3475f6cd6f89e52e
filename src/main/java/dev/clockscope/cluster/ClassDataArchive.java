package dev.clockscope.cluster;

import dev.clockscope.files.TempSibling;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A class-data sharing archive (AppCDS) for the machines' JVMs: the classes a machine loads, parsed and laid
 * out once and then mapped by every later JVM. Six machines starting at once on two cores connect in about a
 * third of the time with it (EngineeringNotebook.md, 2026-11-22). JDK 17 cannot create one on its own, so the
 * launcher records it: while there is no archive for the current jar, one machine of a run dumps the classes
 * it loaded when it exits ({@code -XX:ArchiveClassesAtExit}) into a temporary file, which becomes
 * {@code <jar name>.jsa} next to the jar once that machine has exited cleanly. A key file beside it names the
 * jar (path, size, modification time) the archive was made from, so a rebuilt or moved jar gets a new one.
 * An archive the JVM cannot use is never an error: it then runs without one (its CDS messages are off, so a
 * machine's console stays clean).
 */
public final class ClassDataArchive {
    /** Unified-logging selector: no CDS warnings (e.g. a stale archive, classes CDS skips) on the console. */
    static final String QUIET = "-Xlog:cds*=off";
    /** A temporary recording older than this was left by a runner that died; it is removed. */
    private static final Duration ABANDONED = Duration.ofHours(1);

    private final Path jar;
    private final Path archive;
    private final Path key;

    ClassDataArchive(Path jar) {
        this.jar = jar.toAbsolutePath().normalize();
        String name = this.jar.getFileName().toString().replaceFirst("\\.jar$", "");
        this.archive = this.jar.resolveSibling(name + ".jsa");
        this.key = this.jar.resolveSibling(name + ".jsa.key");
    }

    /** The archive for a classpath that is one jar (as `java -jar vm.jar` has); none for class directories. */
    public static Optional<ClassDataArchive> forClasspath(String classpath) {
        if (classpath == null || classpath.contains(java.io.File.pathSeparator) || !classpath.endsWith(".jar")) {
            return Optional.empty();
        }
        Path jar = Path.of(classpath);
        return Files.isRegularFile(jar) ? Optional.of(new ClassDataArchive(jar)) : Optional.empty();
    }

    public Path file() {
        return archive;
    }

    /** True when the archive was recorded from the jar as it is now. */
    public boolean upToDate() {
        try {
            return Files.size(archive) > 0 && Files.readString(key).equals(jarKey());
        } catch (IOException e) {
            return false; // missing or unreadable: record a new one
        }
    }

    /** JVM flags that map the archive. */
    public List<String> useFlags() {
        return List.of("-XX:SharedArchiveFile=" + archive, QUIET);
    }

    /** JVM flags that record the classes the JVM loaded into {@code recording} when it exits. */
    public List<String> recordFlags(Path recording) {
        return List.of(RECORD_FLAG + recording, QUIET);
    }

    /** The flag (followed by the file) that makes a JVM record the archive. */
    static final String RECORD_FLAG = "-XX:ArchiveClassesAtExit=";

    /**
     * A new empty temporary file next to the archive (so the final move is a rename), or null when that
     * directory is not writable: a JVM that cannot write its recording exits with an error, so it must
     * not be asked to. Leftovers of runners that died are removed first.
     */
    public Path newRecording() {
        removeAbandonedRecordings();
        try {
            return Files.createTempFile(archive.getParent(), archive.getFileName() + ".", ".tmp");
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /**
     * Makes a finished recording the archive. False (and the recording removed) when there is none, e.g.
     * the directory is not writable or the JVM could not dump; the machines then simply run without one.
     */
    public boolean adopt(Path recording) {
        try {
            if (!Files.isRegularFile(recording) || Files.size(recording) == 0) {
                discard(recording);
                return false;
            }
            String jarKey = jarKey();
            TempSibling.moveOnto(recording, archive);
            Path keyTemp = recording.resolveSibling(recording.getFileName() + ".key");
            Files.writeString(keyTemp, jarKey);
            TempSibling.moveOnto(keyTemp, key);
            return true;
        } catch (IOException e) {
            discard(recording);
            return false;
        }
    }

    /** Removes a recording that must not be used (its machine failed). */
    public void discard(Path recording) {
        try {
            Files.deleteIfExists(recording);
        } catch (IOException e) {
            // a leftover is removed by a later newRecording() once it is old
        }
    }

    private String jarKey() throws IOException {
        return jar + "\n" + Files.size(jar) + "\n" + Files.getLastModifiedTime(jar).toMillis() + "\n";
    }

    private void removeAbandonedRecordings() {
        FileTime before = FileTime.from(Instant.now().minus(ABANDONED));
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(archive.getParent(),
                archive.getFileName() + ".*.tmp")) {
            for (Path p : leftovers) {
                if (Files.getLastModifiedTime(p).compareTo(before) < 0) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // best effort: a leftover costs disk space, not correctness
        }
    }
}
