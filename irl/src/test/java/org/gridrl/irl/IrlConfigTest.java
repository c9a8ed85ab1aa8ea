package org.gridrl.irl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.planning.StateVisitation;
import org.gridrl.core.planning.SoftViMethod;
import org.junit.jupiter.api.Test;

/**
 * The IRL config records: defaults as documented, the planning settings nested (the default τ is
 * SoftViConfig's), every field checked once in the compact constructor with a message naming
 * field and value, however the record is made (constructor, withX, with(b -> ...), builder).
 */
class IrlConfigTest {

  @Test
  void defaults_nestSoftViConfigDefaults() {
    assertThat(MaxEntIrlConfig.defaults().planning()).isEqualTo(SoftViConfig.defaults());
    assertThat(DeepMaxEntIrlConfig.defaults().planning()).isEqualTo(SoftViConfig.defaults());
    assertThat(MaxEntIrlConfig.defaults().planning().temperature())
        .isEqualTo(SoftViConfig.DEFAULT_TEMPERATURE).isEqualTo(1.0);
    assertThat(MaxEntIrlConfig.defaults().planning().method()).isEqualTo(SoftViMethod.JACOBI);
    assertThat(MaxEntIrlConfig.defaults()).isEqualTo(new MaxEntIrlConfig(
        MaxEntObjective.Horizon.FINITE, MaxEntIrlConfig.Optimizer.ADAM, 0.1, 0, 200, 1e-6,
        SoftViConfig.defaults(), StateVisitation.Solver.AUTO));
    assertThat(DeepMaxEntIrlConfig.defaults().visitationSolver())
        .isEqualTo(StateVisitation.Solver.AUTO);
    assertThat(MaxMarginConfig.defaults(MaxMarginConfig.Method.STRUCTURED))
        .isEqualTo(new MaxMarginConfig(MaxMarginConfig.Method.STRUCTURED, 100, 1e-6, 10, 0.1));
  }

  @Test
  void withAndBuilder_changeOnlyTheirFields() {
    MaxEntIrlConfig d = MaxEntIrlConfig.defaults();
    MaxEntIrlConfig c = d.with(b -> b.l2(0.3).maxIterations(7));
    assertThat(c).isEqualTo(new MaxEntIrlConfig(d.horizon(), d.optimizer(), d.learningRate(), 0.3,
        7, d.gradientTolerance(), d.planning(), d.visitationSolver()));
    assertThat(MaxEntIrlConfigBuilder.builder(c).build()).isEqualTo(c);
    DeepMaxEntIrlConfig deep = DeepMaxEntIrlConfig.defaults()
        .withPlanning(SoftViConfig.defaults().withTolerance(1e-8));
    assertThat(deep.planning().tolerance()).isEqualTo(1e-8);
    assertThat(deep.withSeed(4).seed()).isEqualTo(4);
    assertThat(deep.withSeed(4).withSeed(0)).isEqualTo(deep);
  }

  @Test
  void maxEnt_rejectsNonsense_namingFieldAndValue() {
    MaxEntIrlConfig d = MaxEntIrlConfig.defaults();
    assertThatThrownBy(() -> d.withPlanning(null)).hasMessage("planning must not be null");
    assertThatThrownBy(() -> d.withHorizon(null)).hasMessage("horizon must not be null");
    assertThatThrownBy(() -> d.with(b -> b.learningRate(Double.POSITIVE_INFINITY)))
        .hasMessage("learningRate must be finite and > 0, got Infinity");
    // τ is SoftViConfig's to check
    assertThatThrownBy(() -> d.withPlanning(d.planning().withTemperature(0)))
        .hasMessage("temperature must be finite and > 0, got 0.0");
    assertThatThrownBy(() -> d.withPlanning(d.planning().withTolerance(-1)))
        .hasMessage("tolerance must be finite and > 0, got -1.0");
  }

  @Test
  void deepMaxEnt_rejectsNonsense_namingFieldAndValue() {
    DeepMaxEntIrlConfig d = DeepMaxEntIrlConfig.defaults();
    assertThatThrownBy(() -> d.withHidden(List.of()))
        .hasMessage("hidden must list at least one layer width, got []");
    assertThatThrownBy(() -> d.withHidden(null))
        .hasMessage("hidden must list at least one layer width, got null");
    assertThatThrownBy(() -> d.withHidden(Arrays.asList(4, 0)))
        .hasMessage("hidden widths must be >= 1, got [4, 0]");
    assertThatThrownBy(() -> d.withHidden(Arrays.asList(4, null)))
        .hasMessage("hidden widths must be >= 1, got [4, null]");
    assertThatThrownBy(() -> d.withWeightDecay(-0.1))
        .hasMessage("weightDecay must be finite and >= 0, got -0.1");
    assertThatThrownBy(() -> d.withMaxIterations(0))
        .hasMessage("maxIterations must be >= 1, got 0");
    assertThatThrownBy(() -> d.withGradientTolerance(Double.NaN))
        .hasMessage("gradientTolerance must be > 0, got NaN");
    assertThatThrownBy(() -> d.withPlanning(null)).hasMessage("planning must not be null");
    assertThatThrownBy(() -> d.withInputScaling(null))
        .hasMessage("inputScaling must not be null");
  }

  @Test
  void maxMargin_rejectsNonsense_namingFieldAndValue() {
    MaxMarginConfig d = MaxMarginConfig.defaults(MaxMarginConfig.Method.PROJECTION);
    assertThatThrownBy(() -> d.withMethod(null)).hasMessage("method must not be null");
    assertThatThrownBy(() -> d.withMaxIterations(0))
        .hasMessage("maxIterations must be >= 1, got 0");
    assertThatThrownBy(() -> d.withTolerance(0)).hasMessage("tolerance must be > 0, got 0.0");
    assertThatThrownBy(() -> d.withSlackPenalty(Double.POSITIVE_INFINITY))
        .hasMessage("slackPenalty must be finite and > 0, got Infinity");
    assertThatThrownBy(() -> d.withLearningRate(-1))
        .hasMessage("learningRate must be finite and > 0, got -1.0");
  }
}
