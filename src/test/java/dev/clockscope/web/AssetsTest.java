package dev.clockscope.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AssetsTest {
    /** A page file missing from the list is a 404 in the browser and a page that never starts (it happened). */
    @Test
    void everyFileOfThePageIsServed() throws Exception {
        Path root = Path.of("src/main/resources/dev/clockscope/web/assets");
        List<String> onDisk;
        try (Stream<Path> files = Files.walk(root)) {
            onDisk = files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
        assertEquals(onDisk, Assets.FILES.stream().sorted().toList());
    }
}
