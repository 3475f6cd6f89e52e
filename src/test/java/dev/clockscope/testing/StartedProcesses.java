package dev.clockscope.testing;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The {@link VmProcess}es a test started, killed after it whatever its outcome, so a failed assertion never
 * leaves a JVM holding ports for the next test. Register with
 * {@code @RegisterExtension final StartedProcesses processes = new StartedProcesses();}.
 */
public final class StartedProcesses implements AfterEachCallback, Iterable<VmProcess> {
    private final List<VmProcess> processes = new ArrayList<>();

    /** Tracks {@code p} and returns it. */
    public VmProcess add(VmProcess p) {
        processes.add(p);
        return p;
    }

    public VmProcess get(int index) {
        return processes.get(index);
    }

    @Override
    public Iterator<VmProcess> iterator() {
        return processes.iterator();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        processes.forEach(VmProcess::close);
        processes.clear();
    }
}
