package dev.clockscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrowserTest {
    /**
     * The opener's arguments are visible to every local user for as long as the browser runs: they carry a page only
     * the owner can read, which forwards to the address; the token never appears in them.
     */
    @Test
    void theTokenIsNeverOnTheOpenersCommandLine() throws Exception {
        URI url = URI.create("http://127.0.0.1:8080/?token=s3cret-t0ken&x=1");
        List<String> command = Browser.command(Path.of("/usr/bin/xdg-open"), url);
        assertEquals(2, command.size());
        assertEquals("/usr/bin/xdg-open", command.get(0));
        assertFalse(String.join(" ", command).contains("s3cret-t0ken"), command.toString());
        Path page = Path.of(URI.create(command.get(1)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(page)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(page.getParent())));
        assertTrue(Files.readString(page).contains("content=\"0;url=http://127.0.0.1:8080/?token=s3cret-t0ken&amp;x=1\""),
                Files.readString(page));
    }
}
