package dev.clockscope.node;

import java.util.List;

/** What a tick with an empty queue does, as decided by the die. */
public sealed interface Action {
    record SendTo(List<String> peers) implements Action {
        public SendTo {
            peers = List.copyOf(peers);
        }
    }

    record Internal() implements Action {
    }
}
