package org.gridrl.core.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gridrl.core.nn.Module;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.TrainingListener;
import org.junit.jupiter.api.Test;

/** {@link MultiTaskSac}: one task is {@link Sac} bit for bit; two tasks are reproducible. */
class MultiTaskSacTest extends TestBase {

  static double[] flat(Module m) {
    return m.parameters().stream().map(Parameter::value)
        .flatMapToDouble(v -> java.util.Arrays.stream(v.data, 0, v.getNumElements()))
        .toArray();
  }

  @Test
  void oneTask_isSacBitForBit() {
    SacConfig c = SacTest.small(5).with(b -> b.totalSteps(500).learningStarts(300)
        .logEvery(10));
    PgResult sac = Sac.train(new PointToZero(), c, TrainingListener.NONE);
    PgResult mt = MultiTaskSac.train(List.of(new PointToZero()), c, TrainingListener.NONE);
    assertThat(flat(mt.policy())).isEqualTo(flat(sac.policy()));
    assertThat(flat(mt.critics().get(0))).isEqualTo(flat(sac.critics().get(0)));
    assertThat(flat(mt.critics().get(1))).isEqualTo(flat(sac.critics().get(1)));
    for (String key : Sac.METRICS) {
      assertThat(mt.history().series(key)).as(key).isEqualTo(sac.history().series(key));
    }
    assertThat(mt.environmentSteps()).isEqualTo(500);
  }

  @Test
  void twoTasks_sameSeedTwice_identicalRun_andTwoStepsPerRound() {
    SacConfig c = SacTest.small(3).with(b -> b.totalSteps(400).learningStarts(300)
        .batchSize(33).logEvery(10));
    PgResult a = MultiTaskSac.train(List.of(new PointToZero(), new PointToZero(0.5)), c,
        TrainingListener.NONE);
    PgResult b = MultiTaskSac.train(List.of(new PointToZero(), new PointToZero(0.5)), c,
        TrainingListener.NONE);
    assertThat(flat(b.policy())).isEqualTo(flat(a.policy()));
    for (String key : Sac.METRICS) {
      assertThat(b.history().series(key)).as(key).isEqualTo(a.history().series(key));
    }
    assertThat(a.environmentSteps()).isEqualTo(800);
    // and the run differs from one task's: the second task's share reached the update
    PgResult one = MultiTaskSac.train(List.of(new PointToZero()), c, TrainingListener.NONE);
    assertThat(flat(one.policy())).isNotEqualTo(flat(a.policy()));
  }
}
