package org.gridrl.core.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.testing.TestBase;
import org.junit.jupiter.api.Test;

class PlanningRecordsTest extends TestBase {

  @Test
  void describe_convergedAndCapped_readAsPinned() {
    assertThat(new ConvergenceReport(153, 8.9e-11, true, 1e-10, 100_000).describe())
        .isEqualTo("converged after 153 sweeps, residual 8.9e-11 < 1e-10");
    assertThat(new ConvergenceReport(1000, 3.2e-4, false, 1e-10, 1000).describe())
        .isEqualTo("hit the cap of 1000 sweeps, residual 3.2e-04 >= 1e-10");
    assertThat(ConvergenceReport.exact(1).describe()).isEqualTo("exact after 1 step");
  }

  @Test
  void softViConfig_defaultsAndWithers() {
    SoftViConfig d = SoftViConfig.defaults();
    assertThat(d).isEqualTo(new SoftViConfig(1.0, 1e-10, 100_000));
    assertThat(d.withTemperature(0.5).withTolerance(1e-6).withMaxIterations(7))
        .isEqualTo(new SoftViConfig(0.5, 1e-6, 7));
  }

  @Test
  void softViConfig_rejectsNonsenseNamingTheValue() {
    assertThatThrownBy(() -> new SoftViConfig(0, 1e-10, 10))
        .hasMessage("temperature must be finite and > 0, got 0.0");
    assertThatThrownBy(() -> new SoftViConfig(Double.NaN, 1e-10, 10))
        .hasMessage("temperature must be finite and > 0, got NaN");
    assertThatThrownBy(() -> SoftViConfig.defaults().withTemperature(Double.POSITIVE_INFINITY))
        .hasMessage("temperature must be finite and > 0, got Infinity");
    assertThatThrownBy(() -> SoftViConfig.defaults().withTolerance(-1))
        .hasMessage("tolerance must be finite and > 0, got -1.0");
    assertThatThrownBy(() -> SoftViConfig.defaults().withMaxIterations(0))
        .hasMessage("maxIterations must be >= 1, got 0");
  }

  @Test
  void convergenceReport_rejectsNonsense() {
    assertThatThrownBy(() -> new ConvergenceReport(-1, 0, true, 1e-10, 5))
        .hasMessage("iterations must be >= 0, got -1");
    assertThatThrownBy(() -> new ConvergenceReport(1, Double.NaN, true, 1e-10, 5))
        .hasMessage("residual must be >= 0, got NaN");
    assertThatThrownBy(() -> new ConvergenceReport(1, 0, true, 1e-10, 0))
        .hasMessage("maxIterations must be >= 1, got 0");
  }

  @Test
  void solution_checksShapes_andComparesContents() {
    TabularPolicy pi = TabularPolicy.uniform(2, 3);
    ConvergenceReport r = ConvergenceReport.exact(1);
    assertThatThrownBy(() -> new Solution(new double[3], new double[6], pi, r))
        .hasMessage("v must have length S = 2, got 3");
    assertThatThrownBy(() -> new Solution(new double[2], new double[5], pi, r))
        .hasMessage("q must have length S*A = 6, got 5");
    Solution a = new Solution(new double[] {1, 2}, new double[6], pi, r);
    Solution b = new Solution(new double[] {1, 2}, new double[6], pi, r);
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.q(1, 2)).isEqualTo(0.0);
    assertClose(0.5 * 1 + 0.5 * 2, a.expectedValue(new double[] {0.5, 0.5}), TIGHT);
  }

  @Test
  void finiteHorizonSolution_checksShapes_andSlices() {
    TabularPolicy pi = TabularPolicy.uniform(1, 1);
    assertThatThrownBy(() -> new FiniteHorizonSolution(2, new double[2][1], new double[2][1],
        new TabularPolicy[] {pi, pi})).hasMessage("v must have H + 1 = 3 rows, got 2");
    FiniteHorizonSolution f = new FiniteHorizonSolution(2, new double[][] {{2}, {1}, {0}},
        new double[][] {{2}, {1}}, new TabularPolicy[] {pi, pi});
    assertThat(f.at(1).v()).containsExactly(1);
    assertThat(f.atStart().report().iterations()).isEqualTo(2);
    assertThatThrownBy(() -> f.at(2)).hasMessage("step t must be in [0, 2), got 2");
  }
}
