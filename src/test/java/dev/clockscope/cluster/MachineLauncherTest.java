package dev.clockscope.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The machines' command line carries the runner's extra JVM options (the coverage run's JaCoCo agent). */
class MachineLauncherTest {
    @Test
    void extraJvmOptionsOfTheRunnerGoToEveryMachineBeforeTheMainClass() {
        String before = System.getProperty(MachineLauncher.EXTRA_JVM_ARGS_PROPERTY);
        MachineLauncher launcher = new MachineLauncher(System.getProperty("java.home"), "vm.jar", null);
        try {
            System.clearProperty(MachineLauncher.EXTRA_JVM_ARGS_PROPERTY);
            List<String> plain = launcher.command("machine_1", Path.of("c.json"), Path.of("out"), List.of());
            assertFalse(plain.stream().anyMatch(a -> a.startsWith("-javaagent")), plain.toString());
            String agent = "-javaagent:/tmp/jacocoagent.jar=destfile=/tmp/children.exec,append=true";
            System.setProperty(MachineLauncher.EXTRA_JVM_ARGS_PROPERTY, agent);
            List<String> covered = launcher.command("machine_1", Path.of("c.json"), Path.of("out"), List.of());
            assertTrue(covered.indexOf(agent) > 0 && covered.indexOf(agent) < covered.indexOf("-cp"), covered.toString());
            assertEquals(plain.size() + 1, covered.size());
            // the machine that records the class-data archive cannot run with an agent (the JVM refuses)
            List<String> recording = launcher.command("machine_1", Path.of("c.json"), Path.of("out"),
                    List.of("-XX:ArchiveClassesAtExit=/tmp/x.jsa"));
            assertFalse(recording.contains(agent), recording.toString());
        } finally {
            if (before == null) {
                System.clearProperty(MachineLauncher.EXTRA_JVM_ARGS_PROPERTY);
            } else {
                System.setProperty(MachineLauncher.EXTRA_JVM_ARGS_PROPERTY, before);
            }
        }
    }
}
