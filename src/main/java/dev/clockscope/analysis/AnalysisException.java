package dev.clockscope.analysis;

/** Input the analyzer cannot use: the message names the directory or the file and line. */
public final class AnalysisException extends Exception {
    public AnalysisException(String message) {
        super(message);
    }
}
