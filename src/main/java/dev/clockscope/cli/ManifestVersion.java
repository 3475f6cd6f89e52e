package dev.clockscope.cli;

import picocli.CommandLine;

/** --version from the jar manifest (Implementation-Version), "dev" when run from classes. */
public final class ManifestVersion implements CommandLine.IVersionProvider {
    public static String version() {
        String v = ManifestVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"ClockScope " + version(), "Java " + System.getProperty("java.version")};
    }
}
