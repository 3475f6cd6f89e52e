package dev.clockscope.node;

import dev.clockscope.eventlog.PeerNames;
import java.util.AbstractList;
import java.util.RandomAccess;

/** The one neighbour a send went to, as an immutable list whose name is read from the run's names when asked. */
final class OnePeerName extends AbstractList<String> implements PeerNames, RandomAccess {
    private final MachineIds ids;
    private final int machine;

    OnePeerName(MachineIds ids, int machine) {
        this.ids = ids;
        this.machine = machine;
    }

    @Override
    public String get(int index) {
        if (index != 0) {
            throw new IndexOutOfBoundsException("index " + index + " of a list of one");
        }
        return ids.id(machine);
    }

    @Override
    public int size() {
        return 1;
    }
}
