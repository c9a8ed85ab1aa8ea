package org.gridrl.benchmarks.runner;

/**
 * Where a result came from: the gridrl version (from the jar manifest; {@code "dev"} when run
 * from classes, e.g. in tests), the Java runtime and the OS and architecture.
 *
 * @param gridrl the gridrl version
 * @param java the Java runtime version
 * @param javaVendor the Java vendor
 * @param os the OS name and version
 * @param arch the CPU architecture
 * @param processors the available processors
 */
public record Provenance(String gridrl, String java, String javaVendor, String os, String arch,
    int processors) {

  /** The provenance of this process. */
  public static Provenance current() {
    return new Provenance(gridrlVersion(), System.getProperty("java.version"),
        System.getProperty("java.vendor"),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors());
  }

  /** The Implementation-Version of the gridrl jar's manifest, or {@code "dev"} outside the jar. */
  public static String gridrlVersion() {
    String v = Provenance.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
