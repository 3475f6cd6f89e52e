package dev.clockscope.cli;

import dev.clockscope.sim.SimPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Whether a simulated batch's full logs can fit where they would go: refused before a run that would fill the disk. */
final class LogRoom {
    private LogRoom() {
    }

    /**
     * Why the batch's full logs cannot fit on the output directory's disk, or null: a floor under their size
     * ({@link SimPlan#minimumLogBytes}) above its free space would fill the disk and fail halfway.
     */
    static String problem(SimPlan plan, Path outputDir) {
        double need = plan.minimumLogBytes();
        if (need == 0) {
            return null;
        }
        Path existing = outputDir.toAbsolutePath();
        while (existing != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        long free;
        try {
            free = existing == null ? Long.MAX_VALUE : Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            return null; // no answer: the writes themselves will tell
        }
        if (need <= free) {
            return null;
        }
        return "full logs of this batch need at least " + bytesText(need) + ", and " + existing + " has "
                + bytesText(free) + " free: a shorter --duration, fewer machines or --log none";
    }

    static String bytesText(double bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int u = 0;
        while (bytes >= 1024 && u < units.length - 1) {
            bytes /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
    }
}
