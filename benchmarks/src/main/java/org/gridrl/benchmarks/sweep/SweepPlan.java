package org.gridrl.benchmarks.sweep;

import java.io.Serializable;
import java.util.List;

/**
 * A sweep as its file gives it, checked, and its runs in spec order: the settings are the cross
 * product of the grid fields' values in the file's order, the last field varying fastest, and
 * each setting runs every seed in the file's order (so spec {@code i} is setting {@code i / S},
 * seed {@code i % S} of {@code S} seeds).
 *
 * @param file the sweep file, as given (for messages)
 * @param experiment the experiment's name
 * @param quick whether the runs start from the {@code --quick} config
 * @param fields the grid fields, in the file's order (dotted for nested settings)
 * @param values each field's values, as JSON text
 * @param seeds the seeds
 * @param specs every run, in spec order
 */
public record SweepPlan(String file, String experiment, boolean quick, List<String> fields,
    List<List<String>> values, List<Long> seeds, List<RunSpec> specs) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Copies the lists. */
  public SweepPlan {
    fields = List.copyOf(fields);
    values = values.stream().map(List::copyOf).toList();
    seeds = List.copyOf(seeds);
    specs = List.copyOf(specs);
  }

  /** The number of settings (the product of the numbers of values; 1 for an empty grid). */
  public int settings() {
    return specs.size() / seeds.size();
  }
}
