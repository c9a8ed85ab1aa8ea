package org.gridrl.benchmarks.exercises;

/**
 * Exercise 3, the MaxEnt IRL gradient (docs/exercises/03-maxent-gradient.md; Ziebart et al.
 * 2008, in the discounted form of Ziebart, Bagnell &amp; Dey 2010): for a linear reward
 * r(s) = φ(s)·w,
 * <pre>
 *   ∇_w L = μ_D − E[μ],   μ_D = Σ_s D̂(s) φ(s),   E[μ] = Σ_s D(s) φ(s)
 *   D̂(s) = (1/N) Σ_n Σ_t γ^t [s_t^n = s]              (the demonstrations)
 *   D(s)  = Σ_t γ^t Pr(s_t = s)  under π = exp((Q − V)/τ) of soft VI for r, from d0
 * </pre>
 * with terminal states left out of both D̂ and D (they have no reward to collect).
 */
public interface MaxEntGradient {

  /**
   * The gradient μ_D − E[μ] of the MaxEnt objective at w.
   *
   * @param p P(s'|s,a) as {@code p[s][a][s2]}; each row sums to 1
   * @param terminal whether each state is terminal (V = 0 there; no reward, no visits counted)
   * @param gamma the discount γ ∈ [0, 1)
   * @param d0 the start distribution of the model's visitation, length S
   * @param phi the features φ(s) as {@code phi[s][i]}, S×k
   * @param demos the demonstrated states {@code demos[n][t]}, N ≥ 1 sequences of length ≥ 1
   * @param w the reward weights, length k
   * @param tau the soft VI temperature τ &gt; 0
   * @return μ_D − E[μ], a new array of length k
   */
  double[] gradient(double[][][] p, boolean[] terminal, double gamma, double[] d0,
      double[][] phi, int[][] demos, double[] w, double tau);
}
