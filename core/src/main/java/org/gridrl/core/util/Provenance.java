package org.gridrl.core.util;

import java.util.Objects;

/**
 * Where a result came from: the algorithm, the config record it ran with, the seed, and the
 * platform (gridrl version, Java runtime, OS and architecture). Every algorithm's result
 * carries one; {@code algorithm} and {@code config} are enough to train again, and on the same
 * platform the same seed gives the same numbers (tests rebuild results this way).
 *
 * @param algorithm the algorithm's name in lower case, e.g. {@code "ppo"} or {@code "maxent"}
 * @param config the config record the algorithm ran with (it includes the seed, where the
 *     algorithm has one)
 * @param seed the seed of every random stream of the run (0 for a deterministic algorithm)
 * @param platform the gridrl version, Java runtime and machine
 */
public record Provenance(String algorithm, Record config, long seed, Platform platform) {

  /** Checks presence. */
  public Provenance {
    Check.notNull("algorithm", algorithm);
    Check.notNull("config", config);
    Check.notNull("platform", platform);
  }

  /**
   * The check every result record makes in its constructor: this provenance names the result's
   * own config.
   *
   * @return {@code config}
   * @throws IllegalArgumentException if the configs differ
   */
  public <C extends Record> C requireConfig(C config) {
    Check.argument(this.config.equals(config),
        "provenance.config must be the result's config, got %s and %s", this.config, config);
    return config;
  }

  /** The provenance of a run in this process. */
  public static Provenance of(String algorithm, Record config, long seed) {
    return new Provenance(algorithm, config, seed, Platform.current());
  }

  /**
   * The software and machine a result was computed on.
   *
   * @param gridrl the gridrl version (from the jar manifest; {@code "dev"} when run from
   *     classes, e.g. in tests)
   * @param java the Java runtime version
   * @param javaVendor the Java vendor
   * @param os the OS name and version
   * @param arch the CPU architecture
   * @param processors the available processors
   */
  public record Platform(String gridrl, String java, String javaVendor, String os, String arch,
      int processors) {

    /** The platform of this process. */
    public static Platform current() {
      return new Platform(gridrlVersion(), System.getProperty("java.version"),
          System.getProperty("java.vendor"),
          System.getProperty("os.name") + " " + System.getProperty("os.version"),
          System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors());
    }
  }

  /** The Implementation-Version of the gridrl jar's manifest, or {@code "dev"} outside a jar. */
  public static String gridrlVersion() {
    String v = Provenance.class.getPackage().getImplementationVersion();
    return Objects.requireNonNullElse(v, "dev");
  }
}
