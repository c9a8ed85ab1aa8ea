package org.gridrl.meta.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GittinsTableTest {

  /** Rounding in one backward sweep and one Newton step. */
  private static final double ROUNDING = 1e-12;
  /** The published tables give four decimals: agreement to half a unit of the last one. */
  private static final double TABLE = 5e-5;

  @Test
  void depthOne_isTheClosedFormOfOneLookahead() {
    // As GittinsIndexTest: N = 1 from Beta(1, 1) at γ = 0.9 gives 7/11, the root of a g that is
    // linear on [1/3, 2/3]; the grid 0, 1/6, ..., 1 brackets it by [1/2, 2/3] inside that piece,
    // so the Newton step and the secant both land on it
    GittinsTable table = GittinsTable.compute(0.9, 1, 1, 1, 0, 7, 1);
    assertThat(table.index(0, 0)).isCloseTo(7.0 / 11, within(ROUNDING));
    assertThat(table.upperBound(0, 0)).isCloseTo(7.0 / 11, within(ROUNDING));
    assertThat(table.maxBracketWidth()).isLessThan(ROUNDING);
  }

  @Test
  void everyState_liesInItsBracketAroundThePerStateCalibration() {
    // γ = 0.9, N = 153, M = 30: the state at depth d is calibrated below at depth D − d = 183 − d.
    // Against GittinsIndex at that depth (the same truncated root ν_{D−d}):
    //   index ≤ ν_{D−d} ≤ upperBound, upperBound − index ≤ maxBracketWidth;
    // against GittinsIndex at depth N (ν_N ≤ ν_{D−d} ≤ ν_N + γ^N/(1−γ)):
    //   ν_N − maxBracketWidth ≤ index ≤ ν_N + truncationBound.
    int depth = 153;
    int maxPulls = 30;
    GittinsTable table = GittinsTable.compute(0.9, depth, 1, 1, maxPulls, 400, 1);
    GittinsIndex atN = new GittinsIndex(0.9, depth);
    double w = table.maxBracketWidth();
    assertThat(w).isBetween(0.0, 1e-3); // about 0.4/K: see the class comment
    for (int d = 0; d <= maxPulls; d++) {
      GittinsIndex own = new GittinsIndex(0.9, depth + maxPulls - d);
      for (int s = 0; s <= d; s++) {
        int f = d - s;
        double nu = own.index(1 + s, 1 + f);
        double nuN = atN.index(1 + s, 1 + f);
        double index = table.index(s, f);
        assertThat(index).as("(%d, %d) against its own depth", s, f)
            .isLessThanOrEqualTo(nu + ROUNDING)
            .isGreaterThanOrEqualTo(nu - w - ROUNDING);
        assertThat(table.upperBound(s, f)).as("(%d, %d) upper", s, f)
            .isGreaterThanOrEqualTo(nu - ROUNDING)
            .isLessThanOrEqualTo(index + w + ROUNDING);
        assertThat(index).as("(%d, %d) against depth N", s, f)
            .isLessThanOrEqualTo(nuN + table.truncationBound() + ROUNDING)
            .isGreaterThanOrEqualTo(nuN - w - ROUNDING);
      }
    }
  }

  /**
   * Gittins' published indices for uniform priors (Christian &amp; Griffiths 2016, ch. 2, as in
   * {@code GittinsIndexTest}); a record of s wins and f losses is Beta(1 + s, 1 + f).
   */
  @ParameterizedTest
  @CsvSource({"0, 0, 0.7029", "1, 1, 0.6346", "2, 2, 0.6010", "9, 1, 0.8695", "9, 6, 0.6300"})
  void index_matchesThePublishedTable_atGammaNineTenths(int s, int f, double published) {
    GittinsTable table = GittinsTable.compute(0.9, 153, 1, 1, 15, 1000, 1);
    assertThat(table.index(s, f)).isCloseTo(published, within(TABLE));
  }

  @Test
  void index_matchesThePublishedTable_atGammaNinetyNineHundredths() {
    GittinsTable table = GittinsTable.compute(0.99, 1833, 1, 1, 0, 200, 2);
    assertThat(table.index(0, 0)).isCloseTo(0.8699, within(TABLE));
    assertThat(table.errorBound()).isLessThan(TABLE);
  }

  @Test
  void threadCount_changesNoValue() {
    GittinsTable one = GittinsTable.compute(0.95, 60, 0.5, 2.5, 40, 301, 1);
    for (int threads : new int[] {2, 3}) {
      GittinsTable many = GittinsTable.compute(0.95, 60, 0.5, 2.5, 40, 301, threads);
      assertThat(values(many)).as("%d threads", threads).isEqualTo(values(one));
      assertThat(many.maxBracketWidth()).isEqualTo(one.maxBracketWidth());
    }
  }

  private static double[] values(GittinsTable table) {
    int m = table.maxPulls();
    double[] out = new double[(m + 1) * (m + 2)];
    for (int d = 0, k = 0; d <= m; d++) {
      for (int s = 0; s <= d; s++) {
        out[k++] = table.index(s, d - s);
        out[k++] = table.upperBound(s, d - s);
      }
    }
    return out;
  }

  @Test
  void indices_areAboveTheMeanAndOrderedBySuccesses() {
    GittinsTable table = GittinsTable.compute(0.9, 153, 1, 1, 40, 500, 1);
    for (int d = 0; d < 40; d++) {
      for (int s = 0; s <= d; s++) {
        assertThat(table.index(s, d - s)).isGreaterThan((1.0 + s) / (2 + d));
        assertThat(table.index(s + 1, d - s)).isGreaterThan(table.index(s, d - s));
        assertThat(table.index(s, d - s + 1)).isLessThan(table.index(s, d - s));
      }
    }
  }

  @Test
  void badArgumentsAreRefusedByName() {
    assertThatThrownBy(() -> GittinsTable.compute(1.0, 10, 1, 1, 5, 10, 1))
        .hasMessage("discount must be in (0, 1), got 1.0");
    assertThatThrownBy(() -> GittinsTable.compute(0.0, 10, 1, 1, 5, 10, 1))
        .hasMessage("discount must be in (0, 1), got 0.0");
    assertThatThrownBy(() -> GittinsTable.compute(0.9, 10, 1, 1, -1, 10, 1))
        .hasMessage("maxPulls must be >= 0, got -1");
    assertThatThrownBy(() -> GittinsTable.compute(0.9, 10, 1, 1, 5, 1, 1))
        .hasMessage("gridPoints must be >= 2, got 1");
    assertThatThrownBy(() -> GittinsTable.compute(0.9, 0, 1, 1, 5, 10, 1))
        .hasMessage("depth must be >= 1, got 0");
    assertThatThrownBy(() -> GittinsTable.compute(0.9, 10, 0, 1, 5, 10, 1))
        .hasMessage("priorAlpha must be finite and > 0, got 0.0");
    assertThatThrownBy(() -> GittinsTable.compute(0.9, 10, 1, 1, 5, 10, 0))
        .hasMessage("threads must be >= 1, got 0");
    GittinsTable table = GittinsTable.compute(0.9, 10, 1, 1, 5, 10, 1);
    assertThatThrownBy(() -> table.index(3, 3))
        .hasMessage("successes + failures must be <= maxPulls = 5, got 3 + 3");
    assertThatThrownBy(() -> table.index(-1, 0)).hasMessage("successes must be >= 0, got -1");
  }

  // the policy on the table plays the trials the policy on per-state indices plays: their
  // indices differ by at most ~1e-6, below any gap between two arms' indices on these trials
  @Test
  void policyOnTheTable_playsThePerStatePolicysTrials() {
    var tasks = org.gridrl.envs.bandit.BernoulliBandit.tasks(5, 40);
    GittinsTable table = GittinsTable.compute(0.9, 153, 1, 1, 40, 1000, 2);
    BanditTrials.Outcome fromTable = BanditTrials.run(new GittinsPolicy(table), tasks, 200, 9);
    BanditTrials.Outcome perState = BanditTrials.run(
        new GittinsPolicy(new GittinsIndex(0.9, 153), 1, 1), tasks, 200, 9);
    assertThat(fromTable.totalReward()).isEqualTo(perState.totalReward());
    assertThat(new GittinsPolicy(table).discount()).isEqualTo(0.9);
  }
}
