package org.gridrl.irl.sampled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.core.util.MetricsHistory;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.TrainingListener;
import org.junit.jupiter.api.Test;

/**
 * {@link Airl.Iteration}, the seam that {@code gridrl bench airl} times, and Airl.train's metrics
 * bit for bit on three short seeded runs (tabular g(s), tabular g(s, a)
 * with the R1 penalty, continuous g(s)). The digests were recorded from the code before
 * {@link Airl.Iteration} was split out of {@code train} (commit 4c7d1de on branch i12-bench,
 * run on the unmodified Airl), so any change to the iteration that moves a single bit of any
 * metric fails here.
 */
class AirlIterationTest {

  /**
   * A digest of every (iteration, key, value) of a history: keys in sorted order per row, each
   * value's IEEE bits folded in with 64-bit FNV-1a-style mixing.
   */
  static long digest(MetricsHistory h) {
    long d = 0xcbf29ce484222325L;
    for (MetricsRecorder.Row row : h.rows()) {
      d = mix(d, row.iteration());
      for (Map.Entry<String, Double> e : new TreeMap<>(row.values()).entrySet()) {
        d = mix(d, e.getKey().hashCode());
        d = mix(d, Double.doubleToLongBits(e.getValue()));
      }
    }
    return d;
  }

  private static long mix(long d, long v) {
    for (int i = 0; i < 8; i++) {
      d ^= (v >>> (8 * i)) & 0xff;
      d *= 0x100000001b3L;
    }
    return d;
  }

  private static PpoConfig ppo(int steps, double gamma) {
    return new PpoConfig(1, steps, gamma, 0.95, 0.2, 0.2, true, 2, 32, 3e-3, 0.01, 0.5, 0.5,
        List.of(16, 16), 0.0, 0);
  }

  static SampledIrlResult<AirlConfig> gridState() {
    TabularMdp mdp = AdversarialFixtures.grid();
    DiscriminatorConfig dc = new DiscriminatorConfig(List.of(16, 16), 1e-2, 2, 32, 0.0);
    return Airl.train(AdversarialFixtures.gridSampler(mdp, 4),
        AdversarialFixtures.gridDemos(mdp, 10, 3), new AirlConfig(6, ppo(16, 0.9), dc,
            LearnedReward.Inputs.STATE, 11), TrainingListener.NONE);
  }

  static SampledIrlResult<AirlConfig> gridStateActionPenalised() {
    TabularMdp mdp = AdversarialFixtures.grid();
    DiscriminatorConfig dc = new DiscriminatorConfig(List.of(8), 3e-3, 1, 24, 0.5);
    return Airl.train(AdversarialFixtures.gridSampler(mdp, 3),
        AdversarialFixtures.gridDemos(mdp, 6, 4), new AirlConfig(5, ppo(20, 0.9), dc,
            LearnedReward.Inputs.STATE_ACTION, 12), TrainingListener.NONE);
  }

  static SampledIrlResult<AirlConfig> pointState() {
    DiscriminatorConfig dc = new DiscriminatorConfig(List.of(16, 16), 1e-3, 2, 32, 0.0);
    return Airl.train(AdversarialFixtures.pointSampler(4),
        AdversarialFixtures.pointDemos(6, 0.02, 5), new AirlConfig(5, ppo(16, 0.99), dc,
            LearnedReward.Inputs.STATE, 13), TrainingListener.NONE);
  }

  @Test
  void train_metrics_areBitIdenticalToTheRecordedRuns() {
    SampledIrlResult<AirlConfig> a = gridState();
    SampledIrlResult<AirlConfig> b = gridStateActionPenalised();
    SampledIrlResult<AirlConfig> c = pointState();
    // recorded on the unmodified Airl (digest, then one last value in full)
    assertThat(digest(a.history())).isEqualTo(5783815680711611634L);
    assertThat(digest(b.history())).isEqualTo(7142836302670956559L);
    assertThat(digest(c.history())).isEqualTo(-1190852681069532409L);
    assertThat(a.history().last(Metrics.DISC_LOSS)).isEqualTo(1.22681536039856);
    assertThat(b.history().last(Metrics.DISC_GRAD_PENALTY)).isEqualTo(2.4598926853859147);
    assertThat(c.history().last(Metrics.REWARD_MEAN)).isEqualTo(2.6449674116780013);
    assertThat(a.history().size()).isEqualTo(6);
    assertThat(b.history().size()).isEqualTo(5);
    assertThat(c.history().size()).isEqualTo(5);
  }

  @Test
  void iteration_partsBeforeARun_andAWrongBatchSize_areRefused() {
    TabularMdp mdp = AdversarialFixtures.grid();
    Airl.Iteration step = new Airl.Iteration(AdversarialFixtures.gridSampler(mdp, 2),
        AdversarialFixtures.gridDemos(mdp, 3, 1), new AirlConfig(1, ppo(8, 0.9),
            DiscriminatorConfig.defaults(), LearnedReward.Inputs.STATE, 1));
    assertThatThrownBy(() -> step.discriminatorUpdate(1))
        .isInstanceOf(IllegalStateException.class).hasMessage("AIRL: no iteration has run yet");
    assertThatThrownBy(() -> step.policyUpdate(1))
        .isInstanceOf(IllegalStateException.class).hasMessage("AIRL: no iteration has run yet");
    Airl.Iteration other = new Airl.Iteration(AdversarialFixtures.gridSampler(mdp, 3),
        AdversarialFixtures.gridDemos(mdp, 3, 1), new AirlConfig(1, ppo(8, 0.9),
            DiscriminatorConfig.defaults(), LearnedReward.Inputs.STATE, 1));
    assertThatThrownBy(() -> step.run(other.collect(), 1, TrainingListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("AIRL iterates on batches of 16 steps, got 24");
  }
}
