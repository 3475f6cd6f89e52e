package dev.clockscope.analysis;

/**
 * Outcome of one check over a run: how many events broke it and the first that did ({@code file:line: detail});
 * {@code warnings}: findings that would break it but are excused (e.g. lives logged before the runtime resumed
 * clocks across restarts), with the first of them. Warnings never fail a run.
 */
public record CheckResult(Check check, long violations, String firstViolation, long warnings, String firstWarning) {
    public CheckResult(Check check, long violations, String firstViolation) {
        this(check, violations, firstViolation, 0, null);
    }

    public boolean passed() {
        return violations == 0;
    }
}
