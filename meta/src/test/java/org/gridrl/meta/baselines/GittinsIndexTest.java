package org.gridrl.meta.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GittinsIndexTest {

  /** The published tables give four decimals: agreement to half a unit of the last one. */
  private static final double TABLE = 5e-5;

  /**
   * Gittins' indices for Bernoulli arms with uniform priors, as printed (four decimals) in
   * B. Christian &amp; T. Griffiths, Algorithms to Live By (2016), ch. 2, "Gittins index values as
   * a function of wins and losses" (from Gittins' tables): a record of w wins and l losses is
   * the posterior Beta(1 + w, 1 + l). Quoted in the text: 0–0 → 0.7029, 1–1 → 0.6346,
   * 2–2 → 0.6010, 9–1 → 0.8695, 9–6 (the "60%" machine) → 0.6300 at γ = 0.9; 0–0 → 0.8699 at
   * γ = 0.99.
   */
  @ParameterizedTest
  @CsvSource({"0.9, 1, 1, 0.7029", "0.9, 2, 2, 0.6346", "0.9, 3, 3, 0.6010",
      "0.9, 10, 2, 0.8695", "0.9, 10, 7, 0.6300", "0.99, 1, 1, 0.8699"})
  void index_matchesThePublishedTable(double gamma, int alpha, int beta, double published) {
    assertThat(new GittinsIndex(gamma).index(alpha, beta)).isCloseTo(published, within(TABLE));
  }

  @Test
  void newton_findsTheRootBisectionFinds_onEveryPosteriorOfAGrid() {
    // The same truncated g, two root finders: Newton's from μ (index) and bisection on [μ, 1]
    // to 1e−13 (bisect), over Beta(α, β) with α, β in 1..12 and three discounts/depths
    for (GittinsIndex g : List.of(new GittinsIndex(0.9), new GittinsIndex(0.95, 300),
        new GittinsIndex(0.99, 400), new GittinsIndex(0.7, 3))) {
      for (int a = 1; a <= 12; a++) {
        for (int b = 1; b <= 12; b++) {
          double bisected = g.bisect(a, b, a / (double) (a + b));
          assertThat(g.index(a, b)).as("γ = %s, (%d, %d)", g.discount(), a, b)
              .isCloseTo(bisected, within(1e-12));
        }
      }
    }
    // a non-integer posterior too (the prior need not be Beta(1, 1))
    GittinsIndex g = new GittinsIndex(0.9);
    assertThat(g.index(0.5, 2.5)).isCloseTo(g.bisect(0.5, 2.5, 0.5 / 3), within(1e-12));
  }

  @Test
  void defaultDepth_isTheSmallestWithTheBoundBelowOneInABillion() {
    assertThat(GittinsIndex.defaultDepth(0.9)).isEqualTo(219);
    assertThat(Math.pow(0.9, 219) / 0.1).isLessThanOrEqualTo(1e-9);
    assertThat(Math.pow(0.9, 218) / 0.1).isGreaterThan(1e-9);
    assertThat(new GittinsIndex(0.9).truncationBound()).isLessThanOrEqualTo(1e-9);
  }

  @Test
  void truncation_underestimatesByAtMostTheStatedBound() {
    // ν_N ≤ ν ≤ ν_N + γ^N/(1−γ); the deep table stands for ν (its own bound is 1e−9)
    GittinsIndex deep = new GittinsIndex(0.9);
    for (int depth : new int[] {1, 2, 5, 10, 20, 40}) {
      GittinsIndex shallow = new GittinsIndex(0.9, depth);
      for (int a = 1; a <= 4; a++) {
        for (int b = 1; b <= 4; b++) {
          double nu = deep.index(a, b);
          double nuN = shallow.index(a, b);
          assertThat(nuN).as("depth %d, (%d, %d)", depth, a, b)
              .isLessThanOrEqualTo(nu + 1e-9)
              .isGreaterThanOrEqualTo(nu - shallow.truncationBound() - 1e-12);
        }
      }
    }
  }

  @Test
  void depthOne_isTheClosedFormOfOneLookahead() {
    // N = 1 from Beta(1, 1) at γ: pull once (mean 1/2), then keep the better of λ and the
    // posterior mean (2/3 after a success, 1/3 after a failure) for ever. For λ in [1/3, 2/3]:
    // 1/2 + γ[(1/2)(2/3) + (1/2)λ]/(1−γ) = λ/(1−γ)  ⇔  λ = (1−γ)/2 + γ/3 + γλ/2
    // ⇔ λ = ((1−γ)/2 + γ/3)/(1 − γ/2); at γ = 0.9: (0.05 + 0.3)/0.55 = 7/11.
    assertThat(new GittinsIndex(0.9, 1).index(1, 1)).isCloseTo(7.0 / 11, within(1e-12));
  }

  @Test
  void index_isAboveTheMeanAndIncreasesWithSuccesses_andTendsToTheMeanWhenKnown() {
    GittinsIndex g = new GittinsIndex(0.9);
    for (int a = 1; a <= 6; a++) {
      for (int b = 1; b <= 6; b++) {
        assertThat(g.index(a, b)).isGreaterThan(a / (double) (a + b));
        assertThat(g.index(a + 1, b)).isGreaterThan(g.index(a, b));
        assertThat(g.index(a, b + 1)).isLessThan(g.index(a, b));
      }
    }
    // Beta(3000, 1000): little left to learn, the index is within 0.01 of the mean 0.75
    assertThat(g.index(3000, 1000)).isBetween(0.75, 0.76);
  }

  @Test
  void badArgumentsAreRefusedByName() {
    assertThatThrownBy(() -> new GittinsIndex(1.0))
        .hasMessage("discount must be in (0, 1), got 1.0");
    assertThatThrownBy(() -> new GittinsIndex(0.9, 0)).hasMessage("depth must be >= 1, got 0");
    assertThatThrownBy(() -> new GittinsIndex(0.9).index(0, 1))
        .hasMessage("alpha must be finite and > 0, got 0.0");
  }
}
