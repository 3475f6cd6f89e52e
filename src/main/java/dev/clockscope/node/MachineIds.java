package dev.clockscope.node;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The machines' names, in index order. Inside the model a machine is an int index; ids are for config
 * files, logs and the wire. One instance is shared by every machine of a run.
 */
public final class MachineIds {
    private final List<String> ids;
    /** Built on first use: a run of a million machines rarely looks a name up. */
    private Map<String, Integer> indexById;

    private MachineIds(List<String> ids) {
        this.ids = ids;
    }

    /** The ids in config order; at least one, no duplicates. */
    public static MachineIds of(List<String> ids) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one machine");
        }
        MachineIds m = new MachineIds(List.copyOf(ids));
        if (m.index().size() != ids.size()) {
            throw new IllegalArgumentException("duplicate machine ids in " + ids);
        }
        return m;
    }

    /** {@code machine_1 .. machine_n}, the names the simulator and {@code --machines N} give. */
    public static MachineIds numbered(int n) {
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "machine_" + (i + 1);
        }
        return new MachineIds(List.of(ids));
    }

    public int size() {
        return ids.size();
    }

    public String id(int index) {
        return ids.get(index);
    }

    /** The index of {@code id}, or -1. */
    public int indexOf(String id) {
        Integer i = index().get(id);
        return i == null ? -1 : i;
    }

    /** Every id in index order (immutable; the same instance every time). */
    public List<String> asList() {
        return ids;
    }

    private synchronized Map<String, Integer> index() {
        if (indexById == null) {
            Map<String, Integer> m = new HashMap<>(ids.size() * 2);
            for (int i = 0; i < ids.size(); i++) {
                m.put(ids.get(i), i);
            }
            indexById = m;
        }
        return indexById;
    }
}
