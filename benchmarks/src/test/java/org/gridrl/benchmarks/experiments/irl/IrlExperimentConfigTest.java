package org.gridrl.benchmarks.experiments.irl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.planning.SoftViMethod;
import org.gridrl.core.planning.StateVisitation;
import org.gridrl.irl.DeepMaxEntIrlConfig;
import org.gridrl.irl.MaxEntIrlConfig;
import org.gridrl.irl.MaxEntObjective;
import org.gridrl.irl.MaxMarginConfig;
import org.junit.jupiter.api.Test;

/**
 * The IRL experiments' configs: the quick variants and the methods' configs they make (the
 * sweeps' stationary deep MaxEnt asks for Anderson sweeps explicitly), and the checks.
 */
class IrlExperimentConfigTest {

  @Test
  void sweepSettings_areTheMethodsConfigs_deepMaxEntStationaryWithAndersonAndTheSeries() {
    IrlSweepConfig c = IrlSweepConfig.defaults("objectworld");
    IrlMethods.Settings continuous = c.settings("continuous", 3);
    assertThat(continuous.maxEnt()).isEqualTo(MaxEntIrlConfig.defaults()
        .with(b -> b.l2(0.01).learningRate(0.05).maxIterations(200)));
    assertThat(continuous.maxEnt().planning()).isEqualTo(SoftViConfig.defaults());
    DeepMaxEntIrlConfig deep = continuous.deep();
    assertThat(deep.horizon()).isEqualTo(MaxEntObjective.Horizon.STATIONARY);
    assertThat(deep.planning()).isEqualTo(
        SoftViConfig.defaults().withMethod(SoftViMethod.ANDERSON));
    assertThat(deep).isEqualTo(DeepMaxEntIrlConfig.defaults().with(b -> b.maxIterations(200)
        .seed(3).horizon(MaxEntObjective.Horizon.STATIONARY).planning(deep.planning())
        .visitationSolver(StateVisitation.Solver.SERIES).weightDecay(0.1)));
    DeepMaxEntIrlConfig discrete = c.settings("discrete", 3).deep();
    assertThat(discrete).isEqualTo(deep.with(b -> b
        .inputScaling(DeepMaxEntIrlConfig.InputScaling.MIN_MAX).weightDecay(0.3)));
    assertThat(continuous.structured()).isEqualTo(
        MaxMarginConfig.defaults(MaxMarginConfig.Method.STRUCTURED).withMaxIterations(100));
    assertThat(continuous.projection()).isEqualTo(
        MaxMarginConfig.defaults(MaxMarginConfig.Method.PROJECTION).withMaxIterations(100));
  }

  @Test
  void quickSweep_isTheDefaultWithFewerCountsIterationsAndSeeds() {
    IrlSweepConfig d = IrlSweepConfig.defaults("binaryworld");
    assertThat(IrlSweepConfig.quick("binaryworld")).isEqualTo(new IrlSweepConfig("binaryworld",
        32, List.of("binary"), IrlMethods.NAMES, List.of(8, 64), 8, 0.01, 0.05, 100, 40,
        d.threads(), List.of(1L)));
  }

  @Test
  void gridWorldSettings_finiteMaxEntWithDefaultPlanning_minMaxDeepMaxEnt() {
    IrlGridWorldConfig c = IrlGridWorldConfig.defaults();
    assertThat(IrlGridWorldConfig.quick()).isEqualTo(c.withSeeds(List.of(1L, 2L)));
    IrlMethods.Settings s = c.settings(4);
    assertThat(s.maxEnt()).isEqualTo(MaxEntIrlConfig.defaults()
        .with(b -> b.l2(0.01).learningRate(0.1).maxIterations(300)));
    assertThat(s.deep()).isEqualTo(DeepMaxEntIrlConfig.defaults().with(b -> b.maxIterations(300)
        .seed(4).inputScaling(DeepMaxEntIrlConfig.InputScaling.MIN_MAX).weightDecay(0.3)));
    assertThat(s.deep().planning()).isEqualTo(SoftViConfig.defaults());
  }

  @Test
  void configs_rejectNonsense_namingFieldAndValue() {
    IrlSweepConfig s = IrlSweepConfig.defaults("objectworld");
    assertThatThrownBy(() -> s.withSize(3)).hasMessage("size must be >= 4, got 3");
    assertThatThrownBy(() -> s.withDemoCounts(List.of(8, 8)))
        .hasMessage("demoCounts must be ascending and >= 1, got [8, 8]");
    assertThatThrownBy(() -> s.withDemoCounts(List.of()))
        .hasMessage("demoCounts must not be empty");
    assertThatThrownBy(() -> s.withThreads(0)).hasMessage("threads must be >= 1, got 0");
    assertThatThrownBy(() -> s.withFeatureSets(List.of("binary")))
        .hasMessage("featureSets of objectworld must be among [continuous, discrete], got"
            + " [binary]");
    assertThatThrownBy(() -> s.withMethods(List.of("gail")))
        .hasMessage("unknown method 'gail', expected one of " + IrlMethods.NAMES);
    IrlGridWorldConfig g = IrlGridWorldConfig.defaults();
    assertThatThrownBy(() -> g.withSlip(1.5)).hasMessage("slip must be in [0, 1], got 1.5");
    assertThatThrownBy(() -> g.withGamma(1)).hasMessage("gamma must be in [0, 1), got 1.0");
    assertThatThrownBy(() -> g.withL2(-1)).hasMessage("l2 must be finite and >= 0, got -1.0");
    assertThatThrownBy(() -> g.withSeeds(List.of(1L, 1L)))
        .hasMessage("seeds must be distinct, got 1 twice");
  }
}
