package dev.clockscope.analysis;

/** Outcome of one check over a run: how many events broke it and the first that did ({@code file:line: detail}). */
public record CheckResult(Check check, long violations, String firstViolation) {
    public boolean passed() {
        return violations == 0;
    }
}
