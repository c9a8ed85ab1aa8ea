package org.gridrl.benchmarks.cli;

import java.util.function.Supplier;

/**
 * Turns a config record's validation message into one that names the command-line option, so the
 * CLI never duplicates a record's checks: "temperature must be finite and &gt; 0, got -1.0" from
 * {@code SoftViConfig} becomes "--temperature must be finite and &gt; 0, got -1.0".
 */
final class OptionErrors {

  private OptionErrors() {
  }

  /**
   * Runs {@code build}; an {@link IllegalArgumentException} becomes a {@link UsageException}
   * whose message starts with {@code option} (the record's field name {@code field} at the start
   * of its message is replaced by the option).
   */
  static <T> T naming(String option, String field, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException ex) {
      String msg = ex.getMessage() == null ? "invalid value" : ex.getMessage();
      if (msg.startsWith(field + " ")) {
        msg = option + msg.substring(field.length());
      } else {
        msg = option + ": " + msg;
      }
      throw new UsageException(msg, ex);
    }
  }
}
