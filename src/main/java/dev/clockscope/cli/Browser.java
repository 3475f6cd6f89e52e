package dev.clockscope.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --open}: hands the live view's address to the desktop's browser, when there is one. */
final class Browser {
    private Browser() {
    }

    static void open(URI url, PrintWriter out) {
        Path opener = null;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "xdg-open");
            if (Files.isExecutable(candidate)) {
                opener = candidate;
                break;
            }
        }
        if (opener == null) {
            out.println("(no xdg-open here: open the address above in a browser)");
            return;
        }
        try {
            new ProcessBuilder(opener.toString(), url.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            out.println("(could not start xdg-open: " + e.getMessage() + "; open the address above in a browser)");
        }
    }
}
