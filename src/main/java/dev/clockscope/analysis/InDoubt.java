package dev.clockscope.analysis;

import java.util.HashMap;
import java.util.Map;

/**
 * Messages their sender reported {@code undelivered} with reason {@code unacknowledged} while they were still
 * queued on their link: not known to be delivered, not known to be lost (protocol 3: the Ack may have been
 * lost with the link). They stay queued; whichever comes first settles them: their receive (received, ack
 * lost), the receiver's {@code unprocessed} line, a later message on the link (then they never arrived:
 * undelivered), or the end of the logs (undelivered). Rare (only when links die), so a plain map.
 */
final class InDoubt {
    private record Key(int link, long seq) {
    }

    private final Map<Key, String> reasons = new HashMap<>();

    boolean isEmpty() {
        return reasons.isEmpty();
    }

    void add(int link, long seq, String reason) {
        reasons.put(new Key(link, seq), reason);
    }

    /** Removes (link, seq) and returns the sender's reason, or null when it was not in doubt. */
    String settle(int link, long seq) {
        return reasons.isEmpty() ? null : reasons.remove(new Key(link, seq));
    }
}
