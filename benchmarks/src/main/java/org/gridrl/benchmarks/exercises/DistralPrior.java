package org.gridrl.benchmarks.exercises;

/**
 * Exercise 9, the Distral prior update in the tabular case (docs/exercises/09-distral-prior.md;
 * Teh et al. 2017, "Distral: Robust multitask reinforcement learning", the π0 step of the
 * alternation): the distilled policy that maximises Σ_i E_{π_i}[Σ_t γ^t log π0(a_t|s_t)] for
 * fixed task policies π_i,
 * <pre>
 *   π0(a|s) = Σ_i d_i(s) π_i(a|s) / Σ_i d_i(s),     uniform where Σ_i d_i(s) = 0,
 * </pre>
 * d_i the discounted state visitation of π_i in task i, counted only at the states where task i
 * acts (not its terminal states).
 */
public interface DistralPrior {

  /**
   * The distilled prior π0.
   *
   * @param policies π_i(a|s) as {@code policies[i][s][a]}: T tasks × S states × A actions
   * @param visitation d_i(s) = Σ_t γ_i^t Pr(s_t = s) under π_i in task i, as
   *     {@code visitation[i][s]} (a terminal state counts its arrivals)
   * @param terminal whether s is terminal in task i, {@code terminal[i][s]}: no action is taken
   *     there
   * @return π0 as a new S × A array
   */
  double[][] prior(double[][][] policies, double[][] visitation, boolean[][] terminal);
}
