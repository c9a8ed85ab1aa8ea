package org.gridrl.meta.baselines;

/** π(a) = 1/k: each pull an arm uniformly at random, whatever happened before. */
public final class RandomPolicy extends ArmStatistics {

  @Override
  public int choose() {
    requireStarted();
    return rng.nextInt(pulls.length);
  }

  @Override
  public String name() {
    return "random";
  }
}
