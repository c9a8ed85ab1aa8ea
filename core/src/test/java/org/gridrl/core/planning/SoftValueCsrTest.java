package org.gridrl.core.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.stream.Stream;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularMdpBuilder;
import org.gridrl.core.testing.NaivePlanning;
import org.gridrl.core.testing.TestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The phased CSR sweep against a plain per-state log-sum-exp with {@code Math.exp} and
 * {@code Math.log}: row lengths 1 to 12 (the written-out dot products and the loop), any number
 * of actions, state counts and ranges that do and do not fill the chunks, terminals.
 */
class SoftValueCsrTest extends TestBase {

  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(1L, 1, 1), Arguments.of(2L, 37, 1), Arguments.of(3L, 128, 4),
        Arguments.of(4L, 129, 5), Arguments.of(5L, 300, 3), Arguments.of(6L, 257, 9),
        Arguments.of(7L, 64, 2), Arguments.of(8L, 500, 5), Arguments.of(9L, 131, 17));
  }

  /** Rows of 1..12 distinct successors, rewards in [−3, 3], 10% terminals. */
  static TabularMdp mixedRows(long seed, int numStates, int numActions) {
    Random r = new Random(seed);
    TabularMdpBuilder b = TabularMdp.builder(numStates, numActions).gamma(0.95);
    for (int s = 0; s < numStates; s++) {
      for (int a = 0; a < numActions; a++) {
        b.reward(s, a, 6 * r.nextDouble() - 3);
        int k = 1 + r.nextInt(Math.min(12, numStates));
        double[] w = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
          w[i] = r.nextDouble() + 1e-3;
          sum += w[i];
        }
        int first = r.nextInt(numStates);
        for (int i = 0; i < k; i++) {
          b.transition(s, a, (first + i * 7) % numStates, w[i] / sum);
        }
      }
      if (r.nextDouble() < 0.1) {
        b.terminal(s);
      }
    }
    return b.build();
  }

  /** V'(s) by the textbook formula, one state at a time, with Math.exp and Math.log. */
  static double reference(TabularMdp mdp, double tau, double[] v, int s) {
    if (mdp.isTerminal(s)) {
      return 0;
    }
    int numActions = mdp.numActions();
    double[] q = new double[numActions];
    for (int a = 0; a < numActions; a++) {
      int row = s * numActions + a;
      double acc = 0;
      for (int k = mdp.rowStart()[row]; k < mdp.rowStart()[row + 1]; k++) {
        acc += mdp.probabilities()[k] * v[mdp.successors()[k]];
      }
      q[a] = mdp.rewards()[row] + mdp.gamma() * acc;
    }
    return NaivePlanning.stableLogSumExp(tau, q);
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void sweep_mixedRowLengths_matchesPlainLogSumExpOnEveryState(long seed, int numStates,
      int numActions) {
    TabularMdp mdp = mixedRows(seed, numStates, numActions);
    Random r = new Random(seed + 100);
    double tau = seed % 3 == 0 ? 1.0 : 0.05 + 2 * r.nextDouble();
    double[] v = new double[numStates];
    for (int s = 0; s < numStates; s++) {
      v[s] = 20 * r.nextDouble() - 10;
    }
    // a range that starts and ends inside chunks
    int begin = numStates > 3 ? r.nextInt(numStates / 3) : 0;
    int end = numStates - (numStates > 3 ? r.nextInt(numStates / 3) : 0);
    double[] vNew = new double[numStates];
    java.util.Arrays.fill(vNew, 1234.5);
    double residual = SoftValueCsr.sweep(mdp, mdp.gamma(), tau, v, vNew, begin, end,
        new double[SoftValueCsr.workspaceLength(numActions)]);
    double expectedResidual = 0;
    for (int s = 0; s < numStates; s++) {
      if (s < begin || s >= end) {
        assertThat(vNew[s]).as("state %d outside the range", s).isEqualTo(1234.5);
        continue;
      }
      double expected = reference(mdp, tau, v, s);
      assertClose(expected, vNew[s], 1e-12 * Math.max(1, Math.abs(expected)));
      expectedResidual = Math.max(expectedResidual, Math.abs(expected - v[s]));
    }
    assertClose(expectedResidual, residual, 1e-11);
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void qValues_softMaxOfThem_isTheSweepsValue(long seed, int numStates, int numActions) {
    TabularMdp mdp = mixedRows(seed, numStates, numActions);
    Random r = new Random(seed + 200);
    double tau = 0.3 + r.nextDouble();
    double[] v = new double[numStates];
    for (int s = 0; s < numStates; s++) {
      v[s] = 4 * r.nextDouble();
    }
    double[] vNew = new double[numStates];
    SoftValueCsr.sweep(mdp, mdp.gamma(), tau, v, vNew, 0, numStates,
        new double[SoftValueCsr.workspaceLength(numActions)]);
    double[] q = new double[numStates * numActions];
    SoftValueCsr.qValues(mdp, mdp.gamma(), v, q, 0, numStates);
    for (int s = 0; s < numStates; s++) {
      double[] qs = java.util.Arrays.copyOfRange(q, s * numActions, (s + 1) * numActions);
      double expected = mdp.isTerminal(s) ? 0 : NaivePlanning.stableLogSumExp(tau, qs);
      assertClose(expected, vNew[s], 1e-13 * Math.max(1, Math.abs(expected)));
    }
  }

  /** V'(s) with a prior, textbook: τ·log Σ_{a: π0 > 0} π0 exp(Q/τ), max-shifted. */
  static double referencePrior(TabularMdp mdp, double[] prior, double tau, double[] v, int s) {
    if (mdp.isTerminal(s)) {
      return 0;
    }
    int numActions = mdp.numActions();
    double[] q = new double[numActions];
    double m = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < numActions; a++) {
      int row = s * numActions + a;
      double acc = 0;
      for (int k = mdp.rowStart()[row]; k < mdp.rowStart()[row + 1]; k++) {
        acc += mdp.probabilities()[k] * v[mdp.successors()[k]];
      }
      q[a] = mdp.rewards()[row] + mdp.gamma() * acc;
      if (prior[row] > 0) {
        m = Math.max(m, q[a]);
      }
    }
    double z = 0;
    for (int a = 0; a < numActions; a++) {
      double p = prior[s * numActions + a];
      z += p > 0 ? p * Math.exp((q[a] - m) / tau) : 0;
    }
    return m + tau * Math.log(z);
  }

  /** A random prior with about a fifth of its entries 0 (never a whole row). */
  static double[] sparsePrior(Random r, int numStates, int numActions) {
    double[] prior = new double[numStates * numActions];
    for (int s = 0; s < numStates; s++) {
      double sum = 0;
      for (int a = 0; a < numActions; a++) {
        double w = a > 0 && r.nextDouble() < 0.2 ? 0 : 0.05 + r.nextDouble();
        prior[s * numActions + a] = w;
        sum += w;
      }
      for (int a = 0; a < numActions; a++) {
        prior[s * numActions + a] /= sum;
      }
    }
    return prior;
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void sweepPrior_mixedRows_matchesPlainLogSumExpOnEveryState(long seed, int numStates,
      int numActions) {
    TabularMdp mdp = mixedRows(seed, numStates, numActions);
    Random r = new Random(seed + 300);
    double tau = 0.05 + 2 * r.nextDouble();
    double[] prior = sparsePrior(r, numStates, numActions);
    double[] v = new double[numStates];
    for (int s = 0; s < numStates; s++) {
      v[s] = 20 * r.nextDouble() - 10;
    }
    int begin = numStates > 3 ? r.nextInt(numStates / 3) : 0;
    int end = numStates - (numStates > 3 ? r.nextInt(numStates / 3) : 0);
    double[] vNew = new double[numStates];
    java.util.Arrays.fill(vNew, 1234.5);
    double residual = SoftValueCsr.sweepPrior(mdp, prior, mdp.gamma(), tau, v, vNew, begin, end,
        new double[SoftValueCsr.workspaceLength(numActions)]);
    double expectedResidual = 0;
    for (int s = 0; s < numStates; s++) {
      if (s < begin || s >= end) {
        assertThat(vNew[s]).as("state %d outside the range", s).isEqualTo(1234.5);
        continue;
      }
      double expected = referencePrior(mdp, prior, tau, v, s);
      assertClose(expected, vNew[s], 1e-12 * Math.max(1, Math.abs(expected)));
      expectedResidual = Math.max(expectedResidual, Math.abs(expected - v[s]));
    }
    assertClose(expectedResidual, residual, 1e-11);
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void policy_isTheNormalisedSoftMaxOfQ_withAndWithoutPrior(long seed, int numStates,
      int numActions) {
    TabularMdp mdp = mixedRows(seed, numStates, numActions);
    Random r = new Random(seed + 400);
    double tau = 0.1 + r.nextDouble();
    double[] q = new double[numStates * numActions];
    for (int j = 0; j < q.length; j++) {
      q[j] = 10 * r.nextDouble() - 5;
    }
    double[] prior = sparsePrior(r, numStates, numActions);
    for (double[] pri : new double[][] {null, prior}) {
      double[] pi = new double[q.length];
      SoftValueCsr.policy(numActions, mdp.terminals(), pri, tau, q, pi, 0, numStates);
      for (int s = 0; s < numStates; s++) {
        double z = 0;
        for (int a = 0; a < numActions; a++) {
          double p0 = pri == null ? 1 : pri[s * numActions + a];
          z += p0 * Math.exp(q[s * numActions + a] / tau);
        }
        for (int a = 0; a < numActions; a++) {
          int j = s * numActions + a;
          double p0 = pri == null ? 1 : pri[j];
          double expected = mdp.isTerminal(s) ? (pri == null ? 1.0 / numActions : pri[j])
              : p0 * Math.exp(q[j] / tau) / z;
          assertClose(expected, pi[j], 1e-12);
          if (p0 == 0) {
            assertThat(pi[j]).isZero();
          }
        }
      }
    }
  }

  @Test
  void sweep_nanInV_givesNanResidual() {
    TabularMdp mdp = mixedRows(11, 200, 3);
    double[] v = new double[200];
    v[150] = Double.NaN;
    double residual = SoftValueCsr.sweep(mdp, mdp.gamma(), 1.0, v, new double[200], 0, 200,
        new double[SoftValueCsr.workspaceLength(3)]);
    assertThat(residual).isNaN();
  }

  @Test
  void sweep_shortWorkspace_namesTheNeededLength() {
    TabularMdp mdp = mixedRows(12, 10, 4);
    assertThatThrownBy(() -> SoftValueCsr.sweep(mdp, mdp.gamma(), 1.0, new double[10],
        new double[10], 0, 10, new double[4]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("workspace has length 4, needs " + SoftValueCsr.workspaceLength(4));
  }

  @Test
  void sweep_stepWithinTheChunk_sameBitsForAnyPartition() {
    TabularMdp mdp = mixedRows(13, 700, 5);
    Random r = new Random(13);
    double[] v = new double[700];
    for (int s = 0; s < 700; s++) {
      v[s] = r.nextDouble() * 30;
    }
    double[] work = new double[SoftValueCsr.workspaceLength(5)];
    double[] whole = new double[700];
    SoftValueCsr.sweep(mdp, mdp.gamma(), 0.7, v, whole, 0, 700, work);
    double[] pieces = new double[700];
    int[] cuts = {0, 1, 130, 131, 400, 699, 700};
    for (int i = 0; i + 1 < cuts.length; i++) {
      SoftValueCsr.sweep(mdp, mdp.gamma(), 0.7, v, pieces, cuts[i], cuts[i + 1], work);
    }
    assertThat(pieces).isEqualTo(whole);
  }
}
