package dev.clockscope.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the faults and malformed inputs the tests tried, per category, in target/fault-summary.json
 * (merged across test classes and JVMs under a file lock) and prints one line per update.
 */
public final class FaultTally {
    private static final Path FILE = Path.of("target", "fault-summary.json");
    private static final Pattern ENTRY = Pattern.compile("\"([^\"]+)\"\\s*:\\s*(\\d+)\\s*[,}\\n]");

    private FaultTally() {
    }

    public static synchronized void add(String category, long count) {
        try {
            Files.createDirectories(FILE.getParent());
            try (RandomAccessFile raf = new RandomAccessFile(FILE.toFile(), "rw");
                 FileLock lock = raf.getChannel().lock()) {
                byte[] old = new byte[(int) raf.length()];
                raf.readFully(old);
                Map<String, Long> counts = new TreeMap<>();
                String build = System.getProperty("clockscope.build", "unknown");
                String text = new String(old, StandardCharsets.UTF_8);
                // a summary left by an earlier build is started afresh
                if (text.contains("\"build\": \"" + build + "\"")) {
                    Matcher m = ENTRY.matcher(text);
                    while (m.find()) {
                        if (!m.group(1).equals("total")) {
                            counts.put(m.group(1), Long.parseLong(m.group(2)));
                        }
                    }
                }
                counts.merge(category, count, Long::sum);
                long total = counts.values().stream().mapToLong(Long::longValue).sum();
                StringBuilder json = new StringBuilder("{\n  \"build\": \"" + build + "\",\n");
                counts.forEach((k, v) -> json.append("  \"").append(k).append("\": ").append(v).append(",\n"));
                json.append("  \"total\": ").append(total).append("\n}\n");
                raf.setLength(0);
                raf.write(json.toString().getBytes(StandardCharsets.UTF_8));
                System.out.println("fault summary: " + category + " +" + count + " (all categories: " + total
                        + " faults/malformed inputs tried; " + FILE + ")");
            }
        } catch (IOException e) {
            System.out.println("fault summary not written: " + e.getMessage());
        }
    }
}
