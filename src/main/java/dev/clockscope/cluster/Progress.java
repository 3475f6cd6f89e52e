package dev.clockscope.cluster;

import java.io.PrintWriter;

/**
 * The runner's progress display: one line rewritten in place on a terminal, plain lines every few
 * seconds otherwise (CI logs, pipes).
 */
public interface Progress {
    /** Called about once a second with the current status line. */
    void update(String line);

    /** A line that stays (run started, run finished, errors). */
    void note(String line);

    static Progress forTerminal(PrintWriter out) {
        return new Progress() {
            @Override
            public void update(String line) {
                out.print("\r\033[2K" + line);
                out.flush();
            }

            @Override
            public void note(String line) {
                out.print("\r\033[2K" + line + "\n");
                out.flush();
            }
        };
    }

    static Progress plain(PrintWriter out, long everyMillis) {
        return new Progress() {
            private long lastMillis;

            @Override
            public void update(String line) {
                long now = System.currentTimeMillis();
                if (now - lastMillis >= everyMillis) {
                    lastMillis = now;
                    out.println(line);
                    out.flush();
                }
            }

            @Override
            public void note(String line) {
                out.println(line);
                out.flush();
            }
        };
    }
}
