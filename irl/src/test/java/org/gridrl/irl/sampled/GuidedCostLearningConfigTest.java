package org.gridrl.irl.sampled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.UnaryOperator;
import org.gridrl.core.pg.PpoConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GuidedCostLearningConfigTest {

  @Test
  void defaults_areTheDocumentedValues() {
    GuidedCostLearningConfig c = GuidedCostLearningConfig.defaults();
    assertThat(c.iterations()).isEqualTo(60);
    assertThat(c.episodesPerIteration()).isEqualTo(16);
    assertThat(c.backgroundIterations()).isEqualTo(20);
    assertThat(c.rewardHidden()).containsExactly(32, 32);
    assertThat(c.rewardLearningRate()).isEqualTo(5e-3);
    assertThat(c.rewardSteps()).isEqualTo(10);
    assertThat(c.lcrWeight()).isZero();
    assertThat(c.monoWeight()).isZero();
    assertThat(c.ppo().iterations()).isEqualTo(1);
    assertThat(c.seed()).isZero();
  }

  @Test
  void ppoSeed_isAlwaysTheConfigSeed() {
    GuidedCostLearningConfig c = GuidedCostLearningConfig.defaults()
        .withPpo(PpoConfig.defaults().withSeed(99)).withSeed(7);
    assertThat(c.ppo().seed()).isEqualTo(7);
    assertThat(c.ppo().learningRate()).isEqualTo(PpoConfig.defaults().learningRate());
    assertThat(c.withPpo(PpoConfig.defaults().withSeed(3)).ppo().seed()).isEqualTo(7);
  }

  static List<Arguments> nonsense() {
    return List.of(
        Arguments.of((UnaryOperator<GuidedCostLearningConfig>) c -> c.withIterations(0),
            "iterations"),
        Arguments.of((UnaryOperator<GuidedCostLearningConfig>) c -> c.withEpisodesPerIteration(0),
            "episodesPerIteration"),
        Arguments.of((UnaryOperator<GuidedCostLearningConfig>) c -> c.withBackgroundIterations(0),
            "backgroundIterations"),
        Arguments.of((UnaryOperator<GuidedCostLearningConfig>) c -> c.withRewardHidden(List.of(0)),
            "rewardHidden"),
        Arguments.of((UnaryOperator<GuidedCostLearningConfig>) c -> c.withRewardHidden(null),
            "rewardHidden"),
        Arguments.of((UnaryOperator<GuidedCostLearningConfig>) c -> c.withRewardActivation(null),
            "rewardActivation"),
        Arguments.of(
            (UnaryOperator<GuidedCostLearningConfig>) c -> c.withRewardLearningRate(Double.NaN),
            "rewardLearningRate"),
        Arguments.of((UnaryOperator<GuidedCostLearningConfig>) c -> c.withRewardSteps(0),
            "rewardSteps"),
        Arguments.of((UnaryOperator<GuidedCostLearningConfig>) c -> c.withLcrWeight(-1),
            "lcrWeight"),
        Arguments.of((UnaryOperator<GuidedCostLearningConfig>) c -> c.withMonoWeight(
            Double.POSITIVE_INFINITY), "monoWeight"),
        Arguments.of((UnaryOperator<GuidedCostLearningConfig>) c -> c.withPpo(null), "ppo"));
  }

  @ParameterizedTest
  @MethodSource("nonsense")
  void compactConstructor_rejectsNonsense_namingTheField(
      UnaryOperator<GuidedCostLearningConfig> change, String field) {
    assertThatThrownBy(() -> change.apply(GuidedCostLearningConfig.defaults()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(field);
  }

  @Test
  void rewardHidden_isAnImmutableCopy_emptyMeansLinear() {
    java.util.ArrayList<Integer> hidden = new java.util.ArrayList<>(List.of(4));
    GuidedCostLearningConfig c = GuidedCostLearningConfig.defaults().withRewardHidden(hidden);
    hidden.add(5);
    assertThat(c.rewardHidden()).containsExactly(4);
    assertThat(GuidedCostLearningConfig.defaults().withRewardHidden(List.of()).rewardHidden())
        .isEmpty();
  }
}
