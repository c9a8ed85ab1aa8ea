package org.gridrl.irl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.irl.testing.IrlTestBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Structured max-margin's loss-augmented step against brute force: on a small problem every
 * deterministic time-indexed policy is rolled forward by hand, and max_π wᵀμ(π) + D(π) − wᵀμ_D
 * must equal the planner's margin, with μ of the maximiser.
 */
class MaxMarginIrlTest extends IrlTestBase {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void lossAugmentedMargin_isTheMaxOverTimeIndexedPolicies(long seed) {
    int numStates = 3;
    int numActions = 2;
    int horizon = 3;
    TabularMdp mdp = randomMdp(seed, numStates, numActions, 2, 0.9, seed % 2 == 0 ? 1 : 0);
    StateFeatures phi = randomFeatures(seed + 10, numStates, 2);
    Demonstrations demos = Demonstrations.sample(mdp,
        TabularPolicy.uniform(numStates, numActions), 4, horizon, seed + 20);
    IrlProblem problem = IrlProblem.of(mdp, phi, demos, horizon, IrlProblem.Start.INIT);
    Random r = new Random(seed + 30);
    double[] w = {2 * r.nextDouble() - 1, 2 * r.nextDouble() - 1};
    int[] expert = demos.modalActions();
    double[] augmented = new double[numStates * numActions];
    for (int s = 0; s < numStates; s++) {
      if (mdp.isTerminal(s)) {
        expert[s] = -1;
      }
      for (int a = 0; a < numActions; a++) {
        augmented[s * numActions + a] = phi.get(s, 0) * w[0] + phi.get(s, 1) * w[1]
            + (expert[s] >= 0 && a != expert[s] ? 1 : 0);
      }
    }
    double[] muD = problem.empiricalFeatures();
    double[] mu = new double[2];
    double margin = MaxMarginIrl.lossAugmentedMargin(problem, w, augmented, muD, mu);

    int perStep = 1 << numStates;
    double best = Double.NEGATIVE_INFINITY;
    double[] bestMu = null;
    for (int code = 0; code < perStep * perStep * perStep; code++) {
      int[][] a = new int[horizon][numStates];
      for (int t = 0, c = code; t < horizon; t++, c /= perStep) {
        for (int s = 0; s < numStates; s++) {
          a[t][s] = (c % perStep >> s) & 1;
        }
      }
      double[] muPi = new double[2];
      double loss = rollForward(mdp, phi, problem.startDistribution(), a, expert, muPi);
      double score = w[0] * (muPi[0] - muD[0]) + w[1] * (muPi[1] - muD[1]) + loss;
      if (score > best) {
        best = score;
        bestMu = muPi;
      }
    }
    assertThat(margin).isCloseTo(best, org.assertj.core.api.Assertions.within(1e-12));
    assertClose(bestMu, mu, 1e-12);
  }

  /**
   * μ(π) = Σ_{t&lt;T} γ^t Σ_s Pr(s_t = s) φ(s) and D(π) = Σ_t γ^t Σ_s Pr(s_t = s)[π_t(s) ≠ π_D(s)]
   * over non-terminal states (terminals absorb), by propagating the state distribution.
   */
  private static double rollForward(TabularMdp mdp, StateFeatures phi, double[] d0, int[][] a,
      int[] expert, double[] mu) {
    int n = mdp.numStates();
    double[] pr = d0.clone();
    double loss = 0;
    double discount = 1;
    for (int[] step : a) {
      double[] next = new double[n];
      for (int s = 0; s < n; s++) {
        if (mdp.isTerminal(s) || pr[s] == 0) {
          continue;
        }
        for (int i = 0; i < mu.length; i++) {
          mu[i] += discount * pr[s] * phi.get(s, i);
        }
        if (expert[s] >= 0 && step[s] != expert[s]) {
          loss += discount * pr[s];
        }
        for (int s2 = 0; s2 < n; s2++) {
          next[s2] += pr[s] * mdp.transitionProbability(s, step[s], s2);
        }
      }
      pr = next;
      discount *= mdp.gamma();
    }
    return loss;
  }
}
