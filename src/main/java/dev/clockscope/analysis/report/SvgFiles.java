package dev.clockscope.analysis.report;

import dev.clockscope.analysis.RunResult;
import dev.clockscope.files.WholeFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code --svg-dir DIR}: every chart of the report as its own file, {@code <run>-<chart>.svg}. */
public final class SvgFiles {
    private SvgFiles() {
    }

    public static int write(List<RunResult> runs, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Charts.Chart> charts = new ArrayList<>();
        List<String> prefixes = RunNames.distinct(runs.stream().map(r -> safe(r.name())).toList());
        for (int i = 0; i < runs.size(); i++) {
            charts.addAll(Charts.forRun(runs.get(i), prefixes.get(i) + "-"));
        }
        if (runs.size() > 1) {
            charts.addAll(Charts.comparison(runs));
        }
        for (Charts.Chart c : charts) {
            // whole or not at all: a full disk leaves no half chart under a chart's name
            WholeFile.writeString(dir.resolve(c.id() + ".svg"),
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + c.svg() + "\n");
        }
        return charts.size();
    }

    /** A run name usable in a file name and an XML id. */
    static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9_.-]", "_");
        return s.isEmpty() || !Character.isLetter(s.charAt(0)) ? "run_" + s : s;
    }
}
