package dev.clockscope.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The page's files, read once from inside the jar: the page needs nothing from the network. */
final class Assets {
    static final List<String> FILES = List.of("index.html", "live.css", "js/app.js", "js/store.js", "js/causal.js",
            "js/spacetime.js", "js/graph.js", "js/strips.js", "js/format.js", "js/chain.js");
    private static final String ROOT = "/dev/clockscope/web/assets/";

    record Asset(byte[] bytes, String contentType) {
    }

    private final Map<String, Asset> byPath = new HashMap<>();

    Assets() {
        for (String file : FILES) {
            try (InputStream in = Assets.class.getResourceAsStream(ROOT + file)) {
                if (in == null) {
                    throw new IllegalStateException("asset missing from the jar: " + ROOT + file);
                }
                byPath.put("/" + file, new Asset(in.readAllBytes(), contentType(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        byPath.put("/", byPath.get("/index.html"));
    }

    /** The asset at a request path (query ignored), or null. */
    Asset get(String path) {
        int q = path.indexOf('?');
        return byPath.get(q < 0 ? path : path.substring(0, q));
    }

    private static String contentType(String file) {
        if (file.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (file.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "text/javascript; charset=utf-8";
    }
}
