package dev.clockscope.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * {@code --open}: hands the live view's address to the desktop's browser, when there is one. The address carries the
 * view's token, and a process's arguments are visible to every local user ({@code ps}) for the browser's lifetime,
 * so the browser is given a page only we can read that forwards it to the address.
 */
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
            new ProcessBuilder(command(opener, url))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            out.println("(could not start xdg-open: " + e.getMessage() + "; open the address above in a browser)");
        }
    }

    /** The opener and a forwarding page (owner-only, deleted when we exit): never the address itself. */
    static List<String> command(Path opener, URI url) throws IOException {
        Path dir = Files.createTempDirectory("clockscope-open-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path page = Files.createFile(dir.resolve("live-view.html"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        String href = url.toASCIIString().replace("&", "&amp;").replace("\"", "&quot;");
        Files.writeString(page, "<!doctype html><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url="
                + href + "\"><title>ClockScope live view</title><a href=\"" + href + "\">ClockScope live view</a>\n",
                StandardCharsets.UTF_8);
        dir.toFile().deleteOnExit();
        page.toFile().deleteOnExit(); // registered last, so deleted first
        return List.of(opener.toString(), page.toUri().toString());
    }
}
