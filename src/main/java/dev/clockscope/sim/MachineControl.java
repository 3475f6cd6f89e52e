package dev.clockscope.sim;

/**
 * A control of a simulated machine from the live view, and when it would do nothing. Refused as the real
 * cluster's controls are ({@code MachineControls}): a pause of a paused machine, a resume of a running one, a
 * kill of a dead one, a restart of a live one.
 */
public enum MachineControl {
    PAUSE, RESUME, KILL, RESTART;

    /** Why this control would do nothing to a machine in {@code state} ({@link LifeTable}), or null. */
    String refusal(byte state, boolean runOver) {
        if (state == LifeTable.STOPPED || state == LifeTable.STOPPING && this != KILL) {
            return "has stopped (the run is ending)";
        }
        return switch (this) {
            case PAUSE -> state == LifeTable.PAUSED ? "is already paused" : state == LifeTable.DEAD ? "is not running (killed)" : null;
            case RESUME -> state == LifeTable.PAUSED ? null : "is not paused";
            case KILL -> state == LifeTable.DEAD ? "is not running (killed)" : null;
            case RESTART -> state != LifeTable.DEAD ? "is still running (kill it first)"
                    : runOver ? "is not restarted: the run has reached its end" : null;
        };
    }
}
