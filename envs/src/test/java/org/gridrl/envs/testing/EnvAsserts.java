package org.gridrl.envs.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gridrl.core.mdp.TabularMdp;

/** Tolerances, array assertions and dense views of MDPs for the envs tests. Prints nothing. */
public final class EnvAsserts {

  /** Round-off level agreement (same numbers summed in another order). */
  public static final double TIGHT = 1e-12;

  private EnvAsserts() {}

  /** Asserts equal length and entry-wise agreement within {@code tol}. */
  public static void assertClose(double[] expected, double[] actual, double tol) {
    assertThat(actual).as("length").hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("entry %d", i).isCloseTo(expected[i], within(tol));
    }
  }

  /** Asserts that two scalars agree within {@code tol}. */
  public static void assertClose(double expected, double actual, double tol) {
    assertThat(actual).isCloseTo(expected, within(tol));
  }

  /** The dense row P(·|s,a), length S, read from the CSR arrays. */
  public static double[] row(TabularMdp mdp, int s, int a) {
    double[] p = new double[mdp.numStates()];
    int row = s * mdp.numActions() + a;
    for (int k = mdp.rowStart()[row]; k < mdp.rowStart()[row + 1]; k++) {
      p[mdp.successors()[k]] += mdp.probabilities()[k];
    }
    return p;
  }

  /** A dense row of length S with the given (state, probability) pairs. */
  public static double[] dense(int numStates, double... statesAndProbabilities) {
    double[] p = new double[numStates];
    for (int i = 0; i < statesAndProbabilities.length; i += 2) {
      p[(int) statesAndProbabilities[i]] += statesAndProbabilities[i + 1];
    }
    return p;
  }

  /** Asserts that every non-terminal row sums to 1 within {@link #TIGHT}. */
  public static void assertRowsStochastic(TabularMdp mdp) {
    for (int s = 0; s < mdp.numStates(); s++) {
      if (mdp.isTerminal(s)) {
        continue;
      }
      for (int a = 0; a < mdp.numActions(); a++) {
        double sum = 0;
        for (double p : row(mdp, s, a)) {
          sum += p;
        }
        assertThat(sum).as("row sum of state %d action %d", s, a).isCloseTo(1.0, within(TIGHT));
      }
    }
  }
}
