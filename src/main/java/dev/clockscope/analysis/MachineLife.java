package dev.clockscope.analysis;

import java.nio.file.Path;

/**
 * One life of a machine (one log: the current one, or an earlier one in {@code previous/}), as the
 * clocks-across-lives check sees it. Clock fields are -1 when the life has no tick event.
 *
 * @param resumed          its start line says where its clocks resumed ({@code resumedFrom}); false: an old life
 * @param resumedLamport   {@code resumedFrom.lamport}, or -1
 * @param resumedOwnEntry  {@code resumedFrom.ownEntry}, or -1
 * @param firstLine        line of its first tick event, or -1
 */
public record MachineLife(String machine, Path file, long incarnation, boolean resumed, long resumedLamport,
                          long resumedOwnEntry, long firstLine, long firstLamport, long firstOwnEntry, long lastLamport,
                          long lastOwnEntry) {
    public boolean ticked() {
        return firstLine >= 0;
    }
}
