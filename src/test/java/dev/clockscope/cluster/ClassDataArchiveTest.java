package dev.clockscope.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the launcher maps, records or drops the class-data archive (the JVM side is in ClassDataArchiveIT). */
class ClassDataArchiveTest {
    @TempDir
    Path dir;

    private Path jar() throws Exception {
        return Files.write(dir.resolve("vm.jar"), new byte[] {1, 2, 3});
    }

    private static Path record(ClassDataArchive archive, byte[] content) throws Exception {
        Path recording = archive.newRecording();
        assertNotNull(recording);
        return Files.write(recording, content);
    }

    @Test
    void onlyAClasspathOfOneExistingJarHasAnArchive() throws Exception {
        Path jar = jar();
        assertEquals(dir.resolve("vm.jsa"), ClassDataArchive.forClasspath(jar.toString()).orElseThrow().file());
        assertTrue(ClassDataArchive.forClasspath(dir.resolve("classes").toString()).isEmpty(), "a directory");
        assertTrue(ClassDataArchive.forClasspath(jar + File.pathSeparator + jar).isEmpty(), "two entries");
        assertTrue(ClassDataArchive.forClasspath(dir.resolve("missing.jar").toString()).isEmpty(), "no such jar");
        assertTrue(ClassDataArchive.forClasspath(null).isEmpty());
    }

    @Test
    void aCleanRecordingBecomesTheArchiveForThatJarOnly() throws Exception {
        Path jar = jar();
        ClassDataArchive archive = new ClassDataArchive(jar);
        assertFalse(archive.upToDate(), "nothing recorded yet");
        assertTrue(archive.adopt(record(archive, new byte[] {9, 9})));
        assertTrue(archive.upToDate());
        assertEquals(2, Files.size(archive.file()));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("vm.jar", "vm.jsa", "vm.jsa.key"), files.map(p -> p.getFileName().toString())
                    .sorted().toList(), "the recording was moved, not copied");
        }
        // a rebuilt jar (new time, or new size) needs a new archive
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        assertFalse(archive.upToDate(), "jar touched");
        assertTrue(archive.adopt(record(archive, new byte[] {7})));
        assertTrue(archive.upToDate());
        Files.write(jar, new byte[] {1, 2, 3, 4});
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        assertFalse(archive.upToDate(), "jar rewritten");
    }

    @Test
    void anEmptyOrFailedRecordingIsDroppedAndTheOldArchiveKept() throws Exception {
        ClassDataArchive archive = new ClassDataArchive(jar());
        assertTrue(archive.adopt(record(archive, new byte[] {5, 5, 5})));
        Path empty = archive.newRecording(); // a JVM killed before it could dump leaves the file empty
        assertFalse(archive.adopt(empty));
        assertFalse(Files.exists(empty));
        Path failed = record(archive, new byte[] {1});
        archive.discard(failed);
        assertFalse(Files.exists(failed));
        assertTrue(archive.upToDate());
        assertEquals(3, Files.size(archive.file()), "the earlier archive is untouched");
    }

    @Test
    void noRecordingWhereTheJarsDirectoryCannotBeWritten() throws Exception {
        ClassDataArchive archive = new ClassDataArchive(jar());
        Files.delete(dir.resolve("vm.jar"));
        Files.delete(dir); // the directory is gone: nowhere to put a recording
        assertEquals(null, archive.newRecording());
    }

    @Test
    void abandonedRecordingsAreRemovedOnlyWhenOld() throws Exception {
        ClassDataArchive archive = new ClassDataArchive(jar());
        Path old = Files.write(dir.resolve("vm.jsa.123.tmp"), new byte[] {1});
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(2 * 3600)));
        Path recent = Files.write(dir.resolve("vm.jsa.456.tmp"), new byte[] {1});
        archive.newRecording();
        assertFalse(Files.exists(old), "left by a runner that died 2 h ago");
        assertTrue(Files.exists(recent), "maybe another runner's recording in progress");
    }

    @Test
    void theLauncherRecordsWithTheFirstMachineOnlyThenMapsTheArchive() throws Exception {
        Path jar = jar();
        ClassDataArchive archive = new ClassDataArchive(jar);
        MachineLauncher launcher = new MachineLauncher(System.getProperty("java.home"), jar.toString(), archive);
        Path recording = archive.newRecording();
        List<String> recordFlags = launcher.archiveFlags(recording);
        assertTrue(recordFlags.contains("-XX:ArchiveClassesAtExit=" + recording), recordFlags.toString());
        assertEquals(List.of(), launcher.archiveFlags(null), "no archive yet: the other machines run without");
        Files.write(recording, new byte[] {1});
        archive.adopt(recording);
        List<String> useFlags = launcher.archiveFlags(null);
        assertTrue(useFlags.contains("-XX:SharedArchiveFile=" + archive.file()), useFlags.toString());
        assertTrue(useFlags.contains(ClassDataArchive.QUIET), "a stale archive must not print on the console");
        List<String> cmd = launcher.command("machine_1", dir.resolve("c.json"), dir, useFlags);
        assertTrue(cmd.indexOf("-XX:SharedArchiveFile=" + archive.file()) < cmd.indexOf("-cp"), "a JVM flag: " + cmd);
        assertTrue(cmd.containsAll(MachineLauncher.JVM_FLAGS));
        assertEquals(List.of(), new MachineLauncher(System.getProperty("java.home"), dir.toString(), null)
                .archiveFlags(null), "class directories: no archive");
    }
}
