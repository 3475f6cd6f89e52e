package dev.clockscope.web;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds the hub from the machine logs ({@code *.log}, not previous/) of one directory: a run directory of
 * {@code vm cluster}, or the output directory of machines started by hand. Finished: each log is read once.
 * Following: logs are followed as they grow, and the directory is looked at again every
 * {@value #RESCAN_MILLIS} ms for machines that start later. One daemon thread per log.
 */
public final class RunFollower implements AutoCloseable {
    static final long RESCAN_MILLIS = 500;

    private final Path dir;
    private final LiveHub hub;
    private final boolean follow;
    private final Map<Path, LogFollower> followers = new HashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Thread scanner;
    private volatile boolean closed;

    private RunFollower(Path dir, LiveHub hub, boolean follow) {
        this.dir = dir;
        this.hub = hub;
        this.follow = follow;
        this.scanner = new Thread(this::scanLoop, "live-scan-" + dir.getFileName());
        scanner.setDaemon(true);
    }

    /** Starts reading {@code dir}'s logs into {@code hub}. */
    public static RunFollower start(Path dir, LiveHub hub, boolean follow) {
        RunFollower f = new RunFollower(dir, hub, follow);
        f.scan();
        if (follow) {
            f.scanner.start();
        }
        return f;
    }

    /** Waits until every log has been read (finished mode); for tests and for printing a summary. */
    public void awaitRead(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        for (Thread t : snapshot()) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
    }

    private synchronized List<Thread> snapshot() {
        return List.copyOf(threads);
    }

    private void scanLoop() {
        while (!closed) {
            try {
                Thread.sleep(RESCAN_MILLIS); // a directory listing every half second; no event to wait on
            } catch (InterruptedException e) {
                return;
            }
            scan();
        }
    }

    private synchronized void scan() {
        if (closed || !Files.isDirectory(dir)) {
            return;
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.log")) {
            entries.forEach(found::add);
        } catch (IOException e) {
            hub.warn(dir + ": cannot list: " + e.getMessage());
            return;
        }
        found.sort(null);
        for (Path log : found) {
            if (!followers.containsKey(log)) {
                LogFollower f = new LogFollower(log, hub, follow);
                followers.put(log, f);
                Thread t = new Thread(f, "live-follow-" + log.getFileName());
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        followers.values().forEach(LogFollower::stop);
        scanner.interrupt();
    }
}
