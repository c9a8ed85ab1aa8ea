package org.gridrl.benchmarks.runner;

import java.util.List;

/**
 * What the runner needs from an experiment's config record: its seeds, and a copy with other
 * seeds (for {@code gridrl run NAME --seeds 1,2,3}). Every other hyperparameter is a component of
 * the record, so {@code summary.json} records the whole config.
 *
 * @param <C> the record type itself
 */
public interface ExperimentConfig<C extends ExperimentConfig<C>> {

  /** The seeds, one independent run each, in run order; never empty, no duplicates. */
  List<Long> seeds();

  /** This config with {@code seeds} instead (validated like the record's own seeds). */
  C withSeeds(List<Long> seeds);

  /**
   * Checks a seed list: non-empty, no duplicates.
   *
   * @throws IllegalArgumentException naming the problem
   */
  static List<Long> checkSeeds(List<Long> seeds) {
    if (seeds == null || seeds.isEmpty()) {
      throw new IllegalArgumentException("seeds must not be empty");
    }
    for (int i = 0; i < seeds.size(); i++) {
      if (seeds.get(i) == null) {
        throw new IllegalArgumentException("seeds must not contain null");
      }
      if (seeds.indexOf(seeds.get(i)) != i) {
        throw new IllegalArgumentException("seeds must be distinct, got " + seeds.get(i) + " twice");
      }
    }
    return List.copyOf(seeds);
  }
}
