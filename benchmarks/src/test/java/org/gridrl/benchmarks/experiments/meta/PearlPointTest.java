package org.gridrl.benchmarks.experiments.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gridrl.benchmarks.runner.Interruptions;
import org.gridrl.core.env.Step;
import org.gridrl.core.util.Rng;
import org.gridrl.envs.continuous.Goal;
import org.gridrl.envs.continuous.SparsePointRobot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pearl-point: the oracle's closed form against rollouts through the robot and by hand, the
 * authors' train/held-out split against NumPy's legacy shuffle re-implemented here, the
 * config's checks, and a tiny run:
 * its files, the same files on 1 and 2 threads, and a resumed run equal to an uninterrupted one.
 */
class PearlPointTest {

  // ------------------------------------------------------------------ the oracle

  /** Rolls a = clip(g − p, ±0.1) (greedy) or 0.1 (g − p)/‖g − p‖ (straight) through the robot. */
  private static double rollout(Goal g, boolean straight) {
    SparsePointRobot env = new SparsePointRobot(g);
    double[] p = env.reset(0);
    double r = 0;
    for (int t = 0; t < SparsePointRobot.HORIZON; t++) {
      double dx = g.x() - p[0];
      double dy = g.y() - p[1];
      double f = straight ? Math.min(1.0, 0.1 / Math.max(Math.hypot(dx, dy), 1e-300)) : 1.0;
      Step<double[]> s = env.step(new double[] {f * dx, f * dy});
      r += s.reward();
      p = s.observation();
    }
    return r;
  }

  /** The exact-arithmetic closed form Σ_t r(‖g − clamp(g, ±0.1t)‖). */
  private static double clampClosedForm(Goal g) {
    double r = 0;
    for (int t = 1; t <= SparsePointRobot.HORIZON; t++) {
      double b = 0.1 * t;
      double px = Math.max(-b, Math.min(b, g.x()));
      double py = Math.max(-b, Math.min(b, g.y()));
      r += SparsePointRobot.sparseReward(g.distanceTo(px, py));
    }
    return r;
  }

  /**
   * The oracle equals the greedy rollout through the robot exactly, and the exact-arithmetic
   * closed form on every goal but the two on the x axis (k = 0, 99), where the robot's
   * 0.1 + … + 0.1 = 0.7999999999999999 leaves d = 0.2 + 1e−16 at t = 8: exactly one paid step of
   * 1 − 0.2 = 0.8 less. The straight line at speed 0.1 lands within rounding of the radius at
   * t = 8 on every goal: 12.7 or 11.9.
   */
  @Test
  void oracle_equalsTheGreedyRolloutThroughTheRobot_andTheClosedFormOffTheAxis() {
    List<Goal> goals = SparsePointRobot.referenceGoals(100);
    for (int k = 0; k < goals.size(); k++) {
      Goal g = goals.get(k);
      assertThat(PearlPoint.optimalReturn(g)).as("%s", g).isEqualTo(rollout(g, false));
      assertThat(PearlPoint.straightLineReturn(g)).as("%s", g).isEqualTo(rollout(g, true));
      double lost = k == 0 || k == 99 ? 0.8 : 0.0;
      assertThat(PearlPoint.optimalReturn(g)).as("%s", g)
          .isCloseTo(clampClosedForm(g) - lost, within(1e-12));
      double line = PearlPoint.straightLineReturn(g);
      assertThat(Math.min(Math.abs(line - 12.7), Math.abs(line - 11.9))).as("%s", g)
          .isLessThan(1e-12);
      assertThat(PearlPoint.optimalReturn(g)).isGreaterThanOrEqualTo(line - 1e-12);
    }
  }

  /**
   * By hand: on the x axis the box corner is the straight line, paid from t = 8 (d = 0.2) in
   * exact arithmetic, 0.8 + 0.9 + 11 = 12.7, and from t = 9 in the robot's, 11.9; at θ = π/4
   * the corner (0.1t, 0.1t) is at d = √2(1/√2 − 0.6) at t = 6 and √2(1/√2 − 0.7) at t = 7,
   * then 0: (1 − d₆) + (1 − d₇) + 13.
   */
  @Test
  void oracle_handCases_axisAndDiagonal() {
    assertThat(clampClosedForm(new Goal(1, 0))).isCloseTo(12.7, within(1e-12));
    assertThat(PearlPoint.optimalReturn(new Goal(1, 0))).isCloseTo(11.9, within(1e-12));
    double h = Math.sqrt(0.5);
    double d6 = Math.sqrt(2) * (h - 0.6);
    double d7 = Math.sqrt(2) * (h - 0.7);
    assertThat(PearlPoint.optimalReturn(new Goal(h, h)))
        .isCloseTo((1 - d6) + (1 - d7) + 13, within(1e-12)).isCloseTo(14.8385, within(1e-4));
  }

  /** No sampled action sequence beats the closed form (the bound is an upper bound). */
  @Test
  void oracle_isAnUpperBound_onRandomAndNoisyGreedySequences() {
    Rng rng = new Rng(345);
    for (Goal g : PearlPoint.heldOutGoals()) {
      double best = PearlPoint.optimalReturn(g);
      for (int n = 0; n < 200; n++) {
        SparsePointRobot env = new SparsePointRobot(g);
        double[] p = env.reset(0);
        double r = 0;
        double noise = rng.nextDouble(0, 0.1);
        for (int t = 0; t < SparsePointRobot.HORIZON; t++) {
          Step<double[]> s = env.step(new double[] {g.x() - p[0] + noise * rng.nextGaussian(),
              g.y() - p[1] + noise * rng.nextGaussian()});
          r += s.reward();
          p = s.observation();
        }
        assertThat(r).isLessThanOrEqualTo(best + 1e-12);
      }
    }
  }

  // ------------------------------------------------------------------ the split

  /** NumPy's legacy MT19937 (init_genrand seeding, genrand_int32 output). */
  private static final class Mt19937 {
    private final int[] mt = new int[624];
    private int index = 624;

    Mt19937(long seed) {
      mt[0] = (int) seed;
      for (int i = 1; i < 624; i++) {
        mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
      }
    }

    long nextUint32() {
      if (index >= 624) {
        for (int i = 0; i < 624; i++) {
          int y = (mt[i] & 0x80000000) | (mt[(i + 1) % 624] & 0x7fffffff);
          mt[i] = mt[(i + 397) % 624] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
        }
        index = 0;
      }
      int y = mt[index++];
      y ^= y >>> 11;
      y ^= (y << 7) & 0x9d2c5680;
      y ^= (y << 15) & 0xefc60000;
      y ^= y >>> 18;
      return y & 0xffffffffL;
    }

    /** NumPy's random_interval: a uniform integer in [0, max] by masked rejection. */
    long interval(long max) {
      if (max == 0) {
        return 0;
      }
      long mask = max;
      for (int s = 1; s <= 16; s <<= 1) {
        mask |= mask >>> s;
      }
      long v;
      do {
        v = nextUint32() & mask;
      } while (v > max);
      return v;
    }
  }

  @Test
  void split_isNumPysSeed1337Shuffle_first80Train_last20HeldOut() {
    Mt19937 mt = new Mt19937(1337);
    int[] a = new int[100];
    for (int i = 0; i < 100; i++) {
      a[i] = i;
    }
    for (int i = 99; i >= 1; i--) { // np.random.shuffle: Fisher–Yates from the end
      int j = (int) mt.interval(i);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    List<Integer> order = new ArrayList<>();
    for (int x : a) {
      order.add(x);
    }
    assertThat(PearlPoint.TRAIN).containsExactlyElementsOf(order.subList(0, 80));
    assertThat(PearlPoint.HELD_OUT).containsExactlyElementsOf(order.subList(80, 100));
    Set<Integer> all = new HashSet<>(PearlPoint.TRAIN);
    all.addAll(PearlPoint.HELD_OUT);
    assertThat(all).hasSize(100);
    assertThat(PearlPoint.heldOutGoals().get(0))
        .isEqualTo(SparsePointRobot.referenceGoals(100).get(66));
  }

  // ------------------------------------------------------------------ config

  @Test
  void evaluationIterations_spreadToTheEnd() {
    assertThat(PearlPoint.evaluationIterations(150, 10)).containsExactly(15, 30, 45, 60, 75, 90,
        105, 120, 135, 150);
    assertThat(PearlPoint.evaluationIterations(6, 3)).containsExactly(2, 4, 6);
    assertThat(PearlPoint.evaluationIterations(7, 3)).containsExactly(3, 5, 7);
  }

  @Test
  void config_rejectsBadValues_namingFieldAndValue() {
    PearlPointConfig c = PearlPointConfig.quick();
    assertThatThrownBy(() -> c.withEvaluations(7))
        .hasMessage("evaluations must be <= every method's iterations (pearl 6, maml 6, rl2 12),"
            + " got 7");
    assertThatThrownBy(() -> c.withRl2EpisodesPerTrial(1))
        .hasMessage("rl2EpisodesPerTrial must be >= 2, got 1");
    assertThatThrownBy(() -> c.withPearlTestTrajectories(4))
        .hasMessage("pearlTestTrajectories must be >= pearl.explorationTrajectories (5), got 4");
    assertThatThrownBy(() -> c.withPearl(c.pearl().with(b -> b.maxPathLength(10))))
        .hasMessage("pearl.maxPathLength must be the robot's 20 steps, got 10");
    assertThatThrownBy(() -> c.withMamlHidden(List.of(8, 0)))
        .hasMessage("mamlHidden[1] must be >= 1, got 0");
    assertThatThrownBy(() -> c.withThreads(0)).hasMessage("threads must be >= 1, got 0");
    assertThatThrownBy(() -> c.withSeeds(List.of(1L, 1L)))
        .hasMessage("seeds must be distinct, got 1 twice");
  }

  // ------------------------------------------------------------------ a tiny run

  /** Two seeds, two evaluation points, every method on a few iterations of tiny networks. */
  private static PearlPointConfig tiny() {
    PearlPointConfig q = PearlPointConfig.quick();
    return q.withEvaluations(2)
        .withPearl(q.pearl().with(b -> b.iterations(2).trainStepsPerIteration(3).metaBatch(2)
            .batchSize(8).embeddingBatchSize(8).encoderWidth(8).netWidth(8).initialSteps(20)
            .tasksPerIteration(1).stepsPrior(20).stepsPosterior(20)))
        .withPearlTestTrajectories(5)
        .withMaml(PearlPointConfig.maml(2, 2, 1).withTestEpisodesPerTask(2))
        .withMamlHidden(List.of(4)).withRl2(PearlPointConfig.rl2(2).withTrialsPerIteration(4)
            .withMinibatchTrials(2).withEpochs(1).withHidden(4))
        .withRl2TestTrials(1).withRandomEpisodes(5).withSeeds(List.of(1L, 2L));
  }

  @Test
  void tinyRun_writesItsFiles_theExactRows_sameFilesOnOneAndTwoThreads_andResumes(
      @TempDir Path dir) throws Exception {
    PearlPointConfig config = tiny();
    String one = Interruptions.run(new PearlPoint(), config.withThreads(1), true,
        dir.resolve("one"));
    String two = Interruptions.run(new PearlPoint(), config.withThreads(2), true,
        dir.resolve("two"));
    Path out = dir.resolve("one");
    for (String f : List.of("metrics.csv", "summary.json", "return.png", "success.png")) {
      assertThat(out.resolve(f)).as(f).isNotEmptyFile();
    }
    assertThat(Files.readAllBytes(dir.resolve("two/metrics.csv")))
        .isEqualTo(Files.readAllBytes(out.resolve("metrics.csv")));
    assertThat(Interruptions.withoutWallTime(two)).isEqualTo(Interruptions.withoutWallTime(one));
    List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
    assertThat(csv.get(0)).isEqualTo("seed,iteration,pearl/steps,pearl/return,pearl/success,"
        + "maml/steps,maml/return,maml/success,rl2/steps,rl2/return,rl2/success");
    assertThat(csv).hasSize(1 + 2 * 2);

    double oracle = PearlPoint.heldOutGoals().stream().mapToDouble(PearlPoint::optimalReturn)
        .average().orElseThrow();
    JsonNode summary = Interruptions.summary(out);
    JsonNode fin = summary.get("finalMetrics").get("1");
    assertThat(fin.get("eval/oracle/return").asDouble()).isCloseTo(oracle, within(1e-12));
    assertThat(fin.get("eval/oracle/success").asDouble()).isEqualTo(1.0);
    double line = PearlPoint.heldOutGoals().stream()
        .mapToDouble(PearlPoint::straightLineReturn).average().orElseThrow();
    assertThat(fin.get("eval/straight-line/return").asDouble()).isEqualTo(line);
    assertThat(fin.get("eval/zero/return").asDouble()).isEqualTo(0.0);
    // PEARL: 80 goals × 20 initial steps, then 20 + 20 a refreshed goal per iteration
    assertThat(fin.get("eval/pearl/steps").asDouble()).isEqualTo(1600 + 2 * 40);
    // MAML: 2 meta-updates × 2 goals × (1 inner + 1 post-update episode) × 20 steps
    assertThat(fin.get("eval/maml/steps").asDouble()).isEqualTo(2 * 2 * 2 * 20);
    // RL²: 2 iterations × 4 trials × 2 episodes × 20 steps
    assertThat(fin.get("eval/rl2/steps").asDouble()).isEqualTo(2 * 4 * 40);
    for (String m : PearlPoint.METHODS) {
      assertThat(fin.get("eval/" + m + "/return").asDouble()).as(m).isBetween(0.0, oracle);
      assertThat(fin.get("eval/" + m + "/success").asDouble()).as(m).isBetween(0.0, 1.0);
    }
    assertThat(one).contains("oracle (knows the goal, exact)")
        .contains(String.format("%.4f", oracle));

    Path resumed = dir.resolve("resumed");
    long dropped = Interruptions.killedDuringLastSeed(out, resumed);
    assertThat(dropped).isEqualTo(2L);
    Interruptions.resume(new PearlPoint(), config.withThreads(1), true, resumed);
    assertThat(Files.readAllBytes(resumed.resolve("metrics.csv")))
        .isEqualTo(Files.readAllBytes(out.resolve("metrics.csv")));
  }
}
