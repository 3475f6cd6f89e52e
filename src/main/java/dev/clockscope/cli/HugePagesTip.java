package dev.clockscope.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A line for {@code vm simulate} at a million machines: where the kernel hands out transparent huge pages only on
 * request ({@code [madvise]}), a JVM that does not ask for them runs such a simulation slower (a TLB miss and a page
 * fault per 4 KiB of a heap of gigabytes; EngineeringNotebook.md, 2026-12-04). A jar cannot set the JVM's flags
 * itself, so it says which one to add.
 */
final class HugePagesTip {
    /** From here on the flag pays: 10^6 machines (~2 GB of heap) ran 9-28 % faster with it in 5 alternated pairs. */
    static final int MIN_MACHINES = 500_000;
    private static final Path KERNEL_SETTING = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

    private HugePagesTip() {
    }

    /** The tip for a run of {@code machines} in this JVM on this kernel, or null. */
    static String forThisJvm(int machines) {
        if (machines < MIN_MACHINES) {
            return null;
        }
        String kernel;
        try {
            kernel = Files.readString(KERNEL_SETTING);
        } catch (IOException | RuntimeException e) {
            return null; // not Linux, or no huge pages: nothing to suggest
        }
        return tip(machines, kernel, jvmAsks());
    }

    /**
     * @param kernelSetting the content of /sys/kernel/mm/transparent_hugepage/enabled, e.g. "always [madvise] never"
     * @param jvmAsks       whether the JVM runs with -XX:+UseTransparentHugePages
     */
    static String tip(int machines, String kernelSetting, boolean jvmAsks) {
        if (machines < MIN_MACHINES || jvmAsks || !kernelSetting.contains("[madvise]")) {
            return null; // [always]: every JVM gets them; [never]: nobody does
        }
        return "tip: at this size, java -XX:+UseTransparentHugePages -jar vm.jar simulate ... often runs faster"
                + " (fewer TLB misses and page faults; README, \"Performance\")";
    }

    private static boolean jvmAsks() {
        try {
            return Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("UseTransparentHugePages").getValue());
        } catch (RuntimeException e) {
            return false;
        }
    }
}
