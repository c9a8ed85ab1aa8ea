package org.gridrl.benchmarks.sweep;

import java.io.Serializable;
import java.util.List;
import org.gridrl.core.util.Check;

/**
 * One run of a sweep: an experiment's whole config (one seed) and where it goes. Everything a
 * worker needs is in the record (Java-serialisable), so the run is pure in it: executed twice,
 * here or on another machine, it gives the same numbers.
 *
 * @param index the position in the sweep's spec order, from 0
 * @param folder the run's folder inside the sweep's output folder ({@code run-001}, ...)
 * @param experiment the experiment's name
 * @param quick whether the config started from the {@code --quick} config (recorded in the run's
 *     summary)
 * @param setting the grid values of this run, as JSON text, one per grid field in the file's order
 * @param seed the run's seed
 * @param configJson the whole config as JSON (its seeds are {@code [seed]})
 */
public record RunSpec(int index, String folder, String experiment, boolean quick,
    List<String> setting, long seed, String configJson) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Checks the fields. */
  public RunSpec {
    Check.argument(index >= 0, "index must be >= 0, got %s", index);
    Check.argument(folder != null && !folder.isEmpty() && !folder.contains("/"),
        "folder must be a plain name, got %s", folder);
    Check.argument(experiment != null, "experiment must not be null");
    setting = List.copyOf(setting);
    Check.argument(configJson != null, "configJson must not be null");
  }
}
