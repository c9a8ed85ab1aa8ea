package org.gridrl.benchmarks.experiments.multitask;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridrl.benchmarks.experiments.multitask.ConflictingToy.Variant;

/** Inputs for the shared table and plot tests of the multi-task experiments. */
public final class MultitaskFixtures {

  private MultitaskFixtures() {
  }

  /**
   * pcgrad-toy's printed table ({@link PcGradToy#resultsTable}) over real runs of the config's
   * starts, shortened to 2000 steps per variant so the test takes milliseconds.
   */
  public static List<String> pcgradToyTable(PcGradToyConfig config) {
    PcGradToyConfig shortRun = config.withLog10Steps(2000).withGatedSteps(2000);
    Map<Long, List<PcGradToy.Run>> runs = new LinkedHashMap<>();
    for (long seed : shortRun.seeds()) {
      List<PcGradToy.Run> perSeed = new ArrayList<>();
      for (Variant v : Variant.values()) {
        for (String m : PcGradToy.METHODS) {
          perSeed.add(PcGradToy.simulate(v, m, seed, PcGradToy.start(shortRun, seed), shortRun));
        }
      }
      runs.put(seed, perSeed);
    }
    return PcGradToy.resultsTable(shortRun, runs).lines();
  }
}
