package dev.clockscope.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Free loopback ports and a config.json that uses them. */
public final class Ports {
    private static final java.util.Random RANDOM = new java.util.Random();

    private Ports() {
    }

    /**
     * Ports below Linux's ephemeral range (32768+), checked bindable: an outgoing connection's local port
     * is always taken from the ephemeral range, so it can never steal a port between this check and the
     * machine's bind, not even across the runs of a cluster test.
     */
    public static List<Integer> free(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            while (ports.size() < count) {
                int candidate = 20_000 + RANDOM.nextInt(12_000);
                try {
                    ServerSocket s = new ServerSocket(candidate, 50, InetAddress.getLoopbackAddress());
                    held.add(s);
                    ports.add(candidate);
                } catch (IOException taken) {
                    // in use: try another
                }
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    /** Writes a config for machines named machine_1..machine_n on free loopback ports; returns the ids. */
    public static List<String> writeConfig(Path file, int n, String extraJson) throws IOException {
        List<Integer> ports = free(n);
        StringBuilder json = new StringBuilder("{\"machines\": [");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "machine_" + (i + 1);
            ids.add(id);
            json.append(i == 0 ? "" : ",").append("{\"id\":\"").append(id)
                    .append("\",\"host\":\"127.0.0.1\",\"port\":").append(ports.get(i)).append('}');
        }
        json.append(']');
        if (!extraJson.isEmpty()) {
            json.append(',').append(extraJson);
        }
        json.append('}');
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, json.toString());
        return ids;
    }
}
