package org.gridrl.multitask;

import org.gridrl.core.env.Box;
import org.gridrl.core.env.Discrete;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.Space;
import org.gridrl.core.env.Step;
import org.gridrl.core.env.TabularEnv;
import org.gridrl.core.mdp.TabularMdp;

/** A {@link TabularEnv} whose observation is the one-hot e_s of its state (a vector env). */
final class OneHotStates implements Env<double[], Integer> {

  private final TabularEnv env;
  private final int numStates;
  private final Box space;

  OneHotStates(TabularMdp mdp) {
    this.env = new TabularEnv(mdp);
    this.numStates = mdp.numStates();
    this.space = Box.uniform(numStates, 0, 1);
  }

  private double[] encode(int s) {
    double[] o = new double[numStates];
    o[s] = 1;
    return o;
  }

  @Override
  public Space observationSpace() {
    return space;
  }

  @Override
  public Discrete actionSpace() {
    return env.actionSpace();
  }

  @Override
  public double[] reset(long seed) {
    return encode(env.resetState(seed));
  }

  @Override
  public Step<double[]> step(Integer action) {
    Step<Integer> s = env.step(action);
    return new Step<>(encode(s.observation()), s.reward(), s.terminated(), s.truncated(),
        s.info());
  }
}
