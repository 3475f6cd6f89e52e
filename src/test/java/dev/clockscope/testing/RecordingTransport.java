package dev.clockscope.testing;

import dev.clockscope.node.Message;
import dev.clockscope.node.Transport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Records every send; peers (indices) in {@link #down} refuse with "peer down". */
public final class RecordingTransport implements Transport {
    public record Sent(int peer, Message message) {
    }

    public final List<Sent> sent = new ArrayList<>();
    public final Set<Integer> down = new HashSet<>();

    @Override
    public String send(int peer, Message message) {
        if (down.contains(peer)) {
            return "peer down";
        }
        sent.add(new Sent(peer, message));
        return null;
    }
}
