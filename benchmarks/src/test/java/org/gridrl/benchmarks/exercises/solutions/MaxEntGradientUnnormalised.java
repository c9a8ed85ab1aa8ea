package org.gridrl.benchmarks.exercises.solutions;

/**
 * Exercise 3, wrong on purpose: the demonstrations' discounted counts summed over the N
 * trajectories instead of averaged, so μ_D is N times too large (right only when N = 1).
 */
public class MaxEntGradientUnnormalised extends MaxEntGradientReference {

  @Override
  protected double[] demonstrationVisitation(int[][] demos, int states, double gamma) {
    double[] dHat = super.demonstrationVisitation(demos, states, gamma);
    for (int s = 0; s < states; s++) {
      dHat[s] *= demos.length;
    }
    return dHat;
  }
}
