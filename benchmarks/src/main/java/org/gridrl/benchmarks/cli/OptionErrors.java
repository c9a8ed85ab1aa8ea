package org.gridrl.benchmarks.cli;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The one place a config record's validation message becomes an option error, so the CLI never
 * duplicates a record's checks: "temperature must be finite and &gt; 0, got -1.0" from
 * {@code SoftViConfig} becomes "--temperature must be finite and &gt; 0, got -1.0". Each command
 * builds its record once, inside {@link #build}, with the map from the record's field names to
 * the options that set them.
 */
final class OptionErrors {

  private OptionErrors() {
  }

  /**
   * Runs {@code build}; an {@link IllegalArgumentException} becomes a {@link UsageException}.
   * A message that starts with a field of {@code optionOfField} ("temperature must be ...")
   * names that field's option instead ("--temperature must be ..."); any other message is kept
   * as it is.
   *
   * @param optionOfField record field name → option, e.g. "maxIterations" → "--max-iterations"
   * @param build builds the record (or calls a check); runs once
   * @return what {@code build} returned
   */
  static <T> T build(Map<String, String> optionOfField, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException ex) {
      String msg = ex.getMessage() == null ? "invalid value" : ex.getMessage();
      for (Map.Entry<String, String> e : optionOfField.entrySet()) {
        if (msg.startsWith(e.getKey() + " ")) {
          throw new UsageException(e.getValue() + msg.substring(e.getKey().length()), ex);
        }
      }
      throw new UsageException(msg, ex);
    }
  }
}
