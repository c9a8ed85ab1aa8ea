package org.gridrl.multitask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.OneHotTask;
import org.gridrl.core.pg.MultiTaskSac;
import org.gridrl.core.pg.PgResult;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.pg.Sac;
import org.gridrl.core.pg.SacConfig;
import org.gridrl.core.util.Rng;
import org.gridrl.core.util.TrainingListener;
import org.gridrl.envs.continuous.PointNavigation;
import org.junit.jupiter.api.Test;

/**
 * {@link TaskConditionedSac} on two point-navigation tasks with opposite goals (±0.4, 0), and
 * {@link TaskIdPolicy}, the per-task view it returns.
 */
class TaskConditionedSacTest {

  static final SacConfig CONFIG = SacConfig.defaults().with(b -> b.totalSteps(600)
      .learningStarts(300).batchSize(64).hiddenWidth(32).hiddenLayers(2).gamma(0.9)
      .logEvery(50).seed(4));

  static List<Env<double[], double[]>> tasks() {
    return List.of(PointNavigation.withGoal(0.4, 0), PointNavigation.withGoal(-0.4, 0));
  }

  @Test
  void train_isMultiTaskSacOnIdAppendedTasks_andRecordsEachTasksEpisodes() {
    TaskConditionedResult r = TaskConditionedSac.train(tasks(), CONFIG, TrainingListener.NONE);
    List<Env<double[], double[]>> base = tasks();
    PgResult direct = MultiTaskSac.train(List.of(new OneHotTask<>(base.get(0), 0, 2),
        new OneHotTask<>(base.get(1), 1, 2)), CONFIG, TrainingListener.NONE);
    assertThat(TaskConditionedActorCriticTest.flat(r.policies().get(0)))
        .isEqualTo(TaskConditionedActorCriticTest.flat(direct.policy()));
    for (String key : Sac.METRICS) {
      assertThat(r.history().series(key)).as(key).isEqualTo(direct.history().series(key));
    }
    assertThat(r.environmentSteps()).isEqualTo(1200);
    // episodes are cut at 100 steps (no goal reached this early): 6 per task, every return < 0
    for (int k = 0; k < 2; k++) {
      double[] returns = r.history().series(TaskConditionedMetrics.taskReturn(k));
      assertThat(returns).hasSize(6);
      assertThat(java.util.Arrays.stream(returns).max().getAsDouble()).isNegative();
    }
    assertThat(r.policy(1)).isInstanceOf(TaskIdPolicy.class);
  }

  @Test
  void train_sameSeedTwice_identicalHistory() {
    TaskConditionedResult a = TaskConditionedSac.train(tasks(), CONFIG, TrainingListener.NONE);
    TaskConditionedResult b = TaskConditionedSac.train(tasks(), CONFIG, TrainingListener.NONE);
    TaskConditionedActorCriticTest.assertSameHistory(a.history(), b.history(), 2);
    assertThat(TaskConditionedActorCriticTest.flat(b.values().get(1)))
        .isEqualTo(TaskConditionedActorCriticTest.flat(a.values().get(1)));
  }

  /** π_k(a|s) = π(a | [s, e_k]) exactly: the view's log-probabilities and samples. */
  @Test
  void taskIdPolicy_isSharedPolicyOnWidenedObservation() {
    TaskConditionedResult r = TaskConditionedSac.train(tasks(), CONFIG.withTotalSteps(320),
        TrainingListener.NONE);
    Policy shared = r.policies().get(0);
    Policy view = r.policy(1);
    DMatrixRMaj s = new DMatrixRMaj(new double[][] {{0.1, -0.2}, {0.3, 0.05}});
    DMatrixRMaj widened = new DMatrixRMaj(new double[][] {{0.1, -0.2, 0, 1},
        {0.3, 0.05, 0, 1}});
    DMatrixRMaj a = new DMatrixRMaj(2, 2);
    double[] lp = new double[2];
    DMatrixRMaj a2 = new DMatrixRMaj(2, 2);
    double[] lp2 = new double[2];
    view.act(new Tape(), s, new Rng(3), a, lp);
    shared.act(new Tape(), widened, new Rng(3), a2, lp2);
    assertThat(a.data).isEqualTo(a2.data);
    assertThat(lp).isEqualTo(lp2);
    assertThat(view.observationDim()).isEqualTo(2);
  }
}
