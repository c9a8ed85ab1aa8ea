package org.gridrl.meta.pearl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The settings against the authors' files (katerakelly/oyster {@code configs/default.py},
 * {@code configs/sparse-point-robot.json}, {@code launch_experiment.py}), and the checks.
 */
class PearlConfigTest {

  @Test
  void defaults_areTheAuthorsDefaultConfig() {
    PearlConfig c = PearlConfig.defaults();
    assertThat(c.latentDim()).isEqualTo(5);
    assertThat(c.klLambda()).isEqualTo(0.1);
    assertThat(new int[] {c.encoderWidth(), c.encoderLayers(), c.netWidth(), c.netLayers()})
        .containsExactly(200, 3, 300, 3);
    assertThat(c.withNextObservation()).isFalse();
    assertThat(new int[] {c.iterations(), c.metaBatch(), c.initialSteps(),
        c.tasksPerIteration(), c.stepsPrior(), c.stepsPosterior(), c.extraRlStepsPosterior(),
        c.trainStepsPerIteration(), c.batchSize(), c.embeddingBatchSize(), c.maxPathLength(),
        c.explorationTrajectories()})
        .containsExactly(500, 16, 2000, 5, 400, 0, 400, 2000, 256, 64, 200, 1);
    assertThat(new double[] {c.gamma(), c.polyak(), c.policyLearningRate(), c.qLearningRate(),
        c.contextLearningRate(), c.rewardScale()})
        .containsExactly(0.99, 0.005, 3e-4, 3e-4, 3e-4, 5.0);
  }

  @Test
  void sparsePointRobot_overlaysTheAuthorsJson() {
    PearlConfig c = PearlConfig.sparsePointRobot();
    assertThat(c.klLambda()).isEqualTo(1.0);
    assertThat(new int[] {c.initialSteps(), c.tasksPerIteration(), c.stepsPrior(),
        c.stepsPosterior(), c.extraRlStepsPosterior(), c.trainStepsPerIteration(),
        c.embeddingBatchSize(), c.maxPathLength(), c.explorationTrajectories()})
        .containsExactly(200, 10, 100, 900, 0, 1000, 1024, 20, 5);
    assertThat(c.gamma()).isEqualTo(0.9);
    assertThat(c.rewardScale()).isEqualTo(100.0);
    // what the json does not set stays the default
    assertThat(c.withKlLambda(0.1).withInitialSteps(2000).withTasksPerIteration(5)
        .withStepsPrior(400).withStepsPosterior(0).withExtraRlStepsPosterior(400)
        .withTrainStepsPerIteration(2000).withEmbeddingBatchSize(64).withMaxPathLength(200)
        .withGamma(0.99).withRewardScale(5.0).withExplorationTrajectories(1))
        .isEqualTo(PearlConfig.defaults());
  }

  @Test
  void config_rejectsBadValues_byName() {
    PearlConfig c = PearlConfig.defaults();
    assertThatThrownBy(() -> c.withLatentDim(0)).hasMessageContaining("latentDim");
    assertThatThrownBy(() -> c.withKlLambda(-0.1)).hasMessageContaining("klLambda");
    assertThatThrownBy(() -> c.withKlLambda(Double.NaN)).hasMessageContaining("klLambda");
    assertThatThrownBy(() -> c.withGamma(1.5)).hasMessageContaining("gamma");
    assertThatThrownBy(() -> c.withPolyak(0)).hasMessageContaining("polyak");
    assertThatThrownBy(() -> c.withEmbeddingBatchSize(0))
        .hasMessageContaining("embeddingBatchSize");
    assertThatThrownBy(() -> c.withRewardScale(Double.POSITIVE_INFINITY))
        .hasMessageContaining("rewardScale");
    assertThatThrownBy(() -> c.withStepsPrior(-1)).hasMessageContaining("stepsPrior");
    assertThatThrownBy(() -> c.withInitialSteps(0)).hasMessageContaining("initialSteps");
    assertThatThrownBy(() -> c.withStepsPrior(0))
        .hasMessageContaining("stepsPrior + stepsPosterior must be >= 1");
    assertThat(c.withEncoderLayers(0).encoderLayers()).isZero();
  }
}
