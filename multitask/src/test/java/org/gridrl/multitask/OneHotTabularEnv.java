package org.gridrl.multitask;

import org.gridrl.core.env.Box;
import org.gridrl.core.env.Discrete;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.Step;
import org.gridrl.core.env.TabularEnv;
import org.gridrl.core.mdp.TabularMdp;

/**
 * A {@link TabularEnv} whose state is observed as the one-hot vector e_s of length S (no task
 * id); the tests of Distral, DnC and the corridor tasks all use it.
 */
final class OneHotTabularEnv implements Env<double[], Integer> {

  private final TabularEnv env;
  private final Box space;
  private final int numStates;

  OneHotTabularEnv(TabularMdp mdp) {
    this.env = new TabularEnv(mdp);
    this.numStates = mdp.numStates();
    this.space = Box.uniform(numStates, 0, 1);
  }

  private double[] oneHot(int s) {
    double[] x = new double[numStates];
    x[s] = 1;
    return x;
  }

  @Override
  public Box observationSpace() {
    return space;
  }

  @Override
  public Discrete actionSpace() {
    return env.actionSpace();
  }

  @Override
  public double[] reset(long seed) {
    return oneHot(env.resetState(seed));
  }

  @Override
  public Step<double[]> step(Integer action) {
    int s = env.stepState(action);
    return new Step<>(oneHot(s), env.lastReward(), env.terminated(), false);
  }
}
