package org.gridrl.meta.pearl;

import org.gridrl.core.env.Box;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.Step;

/**
 * The smallest task family where the latent matters: a point on a line starts at 0 and moves by
 * x' = x + clip(a, −0.1, 0.1) for 10 steps, paid r = −|x' − g| with the goal g = +0.5 or −0.5
 * (the task). Standing still returns −5; walking to the goal −(0.4 + 0.3 + 0.2 + 0.1) = −1;
 * walking away −10.5. One step's reward tells the goal's side.
 */
final class LeftOrRight implements Env<double[], double[]> {

  static final int HORIZON = 10;

  private final double goal;
  private double x;
  private int t;

  LeftOrRight(double goal) {
    this.goal = goal;
  }

  @Override
  public Box observationSpace() {
    return Box.uniform(1, -10, 10);
  }

  @Override
  public Box actionSpace() {
    return Box.uniform(1, -0.1, 0.1);
  }

  @Override
  public double[] reset(long seed) {
    x = 0;
    t = 0;
    return new double[] {x};
  }

  @Override
  public Step<double[]> step(double[] action) {
    x += Math.max(-0.1, Math.min(0.1, action[0]));
    t++;
    return new Step<>(new double[] {x}, -Math.abs(x - goal), false, t >= HORIZON);
  }
}
