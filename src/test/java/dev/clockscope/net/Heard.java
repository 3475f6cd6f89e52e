package dev.clockscope.net;

import dev.clockscope.node.Message;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What one transport's listener heard, for tests on real sockets: links up ("peer>" ours, "peer<" theirs), seqs taken and reported. */
final class Heard implements NetListener {
    final Set<Long> taken = ConcurrentHashMap.newKeySet();
    final Set<String> up = ConcurrentHashMap.newKeySet();
    final Set<Long> undelivered = ConcurrentHashMap.newKeySet();
    final Set<String> stopped = ConcurrentHashMap.newKeySet();

    @Override
    public void onMessage(Message message) {
        taken.add(message.seq());
    }

    @Override
    public void onLinkUp(String peer, boolean outbound) {
        up.add(peer + (outbound ? ">" : "<"));
    }

    @Override
    public void onLinkDown(String peer, boolean outbound) {
        up.remove(peer + (outbound ? ">" : "<"));
    }

    @Override
    public void onUndelivered(String peer, long[] seqs, String reason) {
        for (long s : seqs) {
            undelivered.add(s);
        }
    }

    @Override
    public void onPeerStopped(String peer) {
        stopped.add(peer);
    }
}
