package dev.clockscope.cli;

import dev.clockscope.cluster.MachineControls;
import dev.clockscope.faults.LinkControl;
import dev.clockscope.web.ControlException;
import dev.clockscope.web.ControlRequest;
import dev.clockscope.web.ControlTarget;

/**
 * The live view's controls applied to the run in progress of {@code vm cluster --live}: machine actions
 * through {@link MachineControls}; link actions as a control line down the sending machine's stdin pipe.
 */
final class LiveControls implements ControlTarget {
    private volatile MachineControls current;

    void run(MachineControls controls) {
        current = controls;
    }

    @Override
    public String apply(ControlRequest r) throws ControlException {
        MachineControls c = current;
        if (c == null) {
            throw new ControlException("no run in progress");
        }
        try {
            return switch (r.action()) {
                case PAUSE -> c.pause(r.machine());
                case RESUME -> c.resume(r.machine());
                case KILL -> c.kill(r.machine());
                case RESTART -> c.restart(r.machine());
                case CUT, HEAL, DELAY, LOSS -> c.sendLine(r.from(), linkLine(r).format());
            };
        } catch (MachineControls.ControlRefused e) {
            throw new ControlException(e.getMessage());
        }
    }

    /** The control line for a link action, as the machine reads it. */
    static LinkControl linkLine(ControlRequest r) {
        return switch (r.action()) {
            case CUT -> new LinkControl(LinkControl.Kind.CUT, r.to(), 0, 0);
            case HEAL -> new LinkControl(LinkControl.Kind.HEAL, r.to(), 0, 0);
            case DELAY -> new LinkControl(LinkControl.Kind.DELAY, r.to(), r.delayMillis(), 0);
            case LOSS -> new LinkControl(LinkControl.Kind.LOSS, r.to(), 0, r.lossProbability());
            default -> throw new IllegalArgumentException(r.action() + " is not a link control");
        };
    }
}
