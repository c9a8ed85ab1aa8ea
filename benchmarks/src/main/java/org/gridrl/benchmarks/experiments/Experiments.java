package org.gridrl.benchmarks.experiments;

import org.gridrl.benchmarks.experiments.irl.IrlAdversarial;
import org.gridrl.benchmarks.experiments.irl.IrlGridWorld;
import org.gridrl.benchmarks.experiments.irl.IrlSweep;
import org.gridrl.benchmarks.runner.Registry;

/** The standard experiments, in the order {@code gridrl list} shows them. */
public final class Experiments {

  private Experiments() {
  }

  /** A fresh registry holding every standard experiment. */
  public static Registry registry() {
    return new Registry().register(new Quickstart())
        .register(new IrlGridWorld())
        .register(IrlSweep.objectWorld())
        .register(IrlSweep.objectWorldToolkit())
        .register(IrlSweep.binaryWorld())
        .register(new IrlAdversarial())
        .register(new org.gridrl.benchmarks.experiments.irl.IrlTransfer())
        .register(new org.gridrl.benchmarks.experiments.pg.PgFourRooms())
        .register(new org.gridrl.benchmarks.experiments.pg.PgPointNavigation())
        .register(new org.gridrl.benchmarks.experiments.multitask.PcGradToy())
        .register(new org.gridrl.benchmarks.experiments.multitask.MultitaskGrid())
        .register(new org.gridrl.benchmarks.experiments.multitask.MultitaskConflict())
        .register(new org.gridrl.benchmarks.experiments.meta.Rl2Bandits())
        .register(new org.gridrl.benchmarks.experiments.meta.Rl2Mdps())
        .register(new org.gridrl.benchmarks.experiments.meta.MetaHiddenGoal())
        .register(new org.gridrl.benchmarks.experiments.meta.MamlNavigation())
        .register(new org.gridrl.benchmarks.experiments.meta.PearlPoint());
  }
}
