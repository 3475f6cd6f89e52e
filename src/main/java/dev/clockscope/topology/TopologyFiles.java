package dev.clockscope.topology;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clockscope.config.JsonErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a topology file: CloudScope's format (a top-level {@code "nodes"}, see {@link CloudScopeFile}) or
 * ClockScope's own (a top-level {@code "machines"}, see {@link ClockScopeFile}). Errors are one line naming
 * the file, the JSON path and the value. The whole file is read as a JSON tree: meant for hand-written
 * and exported topologies (a file of 100,000 links reads in 0.4–2 s on the shared 2-core machine), not
 * for a million machines, which the generators make in place.
 */
public final class TopologyFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private TopologyFiles() {
    }

    public static Topology read(Path file) throws TopologyException {
        String name = file.toString();
        FileFields fields = new FileFields(name);
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = JSON.readTree(in);
        } catch (NoSuchFileException e) {
            throw new TopologyException(name + ": no such file");
        } catch (JsonProcessingException e) {
            throw new TopologyException(name + ": " + JsonErrors.describe(e));
        } catch (IOException e) {
            throw new TopologyException(name + ": cannot read: " + oneLine(String.valueOf(e.getMessage())));
        }
        if (root == null || !root.isObject()) {
            throw new TopologyException(name + ": not a JSON object");
        }
        String fileName = String.valueOf(file.getFileName());
        if (root.has("nodes")) {
            return CloudScopeFile.read(root, fields, "file:" + fileName + " (cloudscope)");
        }
        if (root.has("machines")) {
            return ClockScopeFile.read(root, fields, "file:" + fileName);
        }
        throw new TopologyException(name + ": neither a CloudScope topology (\"nodes\", \"links\") nor a ClockScope one"
                + " (\"machines\", \"links\")");
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
