package org.gridrl.multitask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PcGradTest extends CombinerTestBase {

  @Test
  void twoTasks_conflicting_projectsEachOffTheOther() {
    // g1 = (1,0), g2 = (−1,1), g1·g2 = −1: g1' = g1 + ½g2 = (½,½), g2' = g2 + g1 = (0,1).
    assertClose(new double[] {0.5, 1.5},
        combine(new PcGrad(1), new double[] {1, 0}, new double[] {-1, 1}), TIGHT);
  }

  @Test
  void twoTasks_notConflicting_isTheSum() {
    assertClose(new double[] {2, 1},
        combine(new PcGrad(1), new double[] {1, 0}, new double[] {1, 1}), 0);
  }

  @Test
  void twoTasks_parallel_isTheSum_antiParallel_cancels() {
    assertClose(new double[] {3, 0},
        combine(new PcGrad(1), new double[] {1, 0}, new double[] {2, 0}), 0);
    // g1 = (1,0), g2 = (−2,0): each projection leaves 0.
    assertClose(new double[] {0, 0},
        combine(new PcGrad(1), new double[] {1, 0}, new double[] {-2, 0}), TIGHT);
  }

  @Test
  void zeroGradient_neverConflicts_noNaN() {
    assertClose(new double[] {1, 2},
        combine(new PcGrad(1), new double[] {0, 0}, new double[] {1, 2}), 0);
    assertClose(new double[] {0, 0},
        combine(new PcGrad(1), new double[] {0, 0}, new double[] {0, 0}), 0);
  }

  @Test
  void threeTasks_handComputed_theFourOutcomesOfTheOrders() {
    // g0 = (1,0), g1 = (−1,2), g2 = (0,−1). Per task, by visiting order (fractions by hand):
    //   g0: via 1 then 2 → (4/5, 0); via 2 then 1 → (4/5, 2/5)
    //   g1: either order → (0, 0)
    //   g2: via 0 then 1 → (−2/5, −1/5); via 1 then 0 → (0, −1/5)
    // so d is one of (2/5, −1/5), (2/5, 1/5), (4/5, −1/5), (4/5, 1/5); over 60 seeds all occur.
    double[][] g = {{1, 0}, {-1, 2}, {0, -1}};
    List<double[]> expected = List.of(new double[] {0.4, -0.2}, new double[] {0.4, 0.2},
        new double[] {0.8, -0.2}, new double[] {0.8, 0.2});
    Set<Integer> seen = new HashSet<>();
    for (long seed = 0; seed < 60; seed++) {
      double[] d = combine(new PcGrad(seed), g);
      int match = -1;
      for (int k = 0; k < expected.size(); k++) {
        if (Math.abs(d[0] - expected.get(k)[0]) < TIGHT
            && Math.abs(d[1] - expected.get(k)[1]) < TIGHT) {
          match = k;
        }
      }
      assertThat(match).as("seed %d gave (%s, %s)", seed, d[0], d[1]).isNotNegative();
      seen.add(match);
    }
    assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void randomTasks_matchDirectProjectionsInTheSeededOrder(long seed) {
    // The direct algorithm on vectors, with orders drawn as documented: per task i, (0..T−1)
    // shuffled by Rng.shuffle; the generator carries over to the next call.
    Random r = new Random(345 + seed);
    int numTasks = 2 + (int) (seed % 4);
    PcGrad pcgrad = new PcGrad(seed);
    Rng rng = new Rng(seed);
    for (int call = 0; call < 3; call++) {
      double[][] g = randomGradients(r, numTasks, 6);
      double[] out = new double[6];
      pcgrad.combine(g, numTasks, 6, out);
      assertClose(reference(g, rng), out, TIGHT);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void twoTasks_resultDoesNotDependOnTheSeed(long seed) {
    Random r = new Random(345 + seed);
    double[][] g = randomGradients(r, 2, 5);
    double[] a = combine(new PcGrad(seed), g);
    double[] b = combine(new PcGrad(seed + 1000), g);
    assertThat(b).containsExactly(a);
  }

  @Test
  void twoConflictingTasks_combinedImprovesBoth() {
    // d·g1 = ‖g1'‖² ≥ 0 when g1·g2 < 0 (g2' ⊥ g1): (0.5,1.5)·(1,0) = 0.5 = ‖(½,½)‖².
    double[] g1 = {1, 0};
    double[] g2 = {-1, 1};
    double[] d = combine(new PcGrad(1), g1, g2);
    assertThat(dot(d, g1)).isCloseTo(0.5, org.assertj.core.api.Assertions.within(TIGHT));
    assertThat(dot(d, g2)).isCloseTo(1.0, org.assertj.core.api.Assertions.within(TIGHT));
  }

  @Test
  void sameSeed_sameSequenceOfCalls() {
    Random r = new Random(345);
    double[][] g = randomGradients(r, 5, 4);
    PcGrad a = new PcGrad(9);
    PcGrad b = new PcGrad(9);
    for (int call = 0; call < 4; call++) {
      assertThat(combine(b, g)).containsExactly(combine(a, g));
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void combine_isCombineInOrder_withTheDrawnOrders_bitForBit(long seed) {
    // The documented draws: per task i, (0..T−1) shuffled by Rng.shuffle, i removed; the
    // generator carries over from call to call.
    Random r = new Random(345 + seed);
    int numTasks = 1 + (int) seed;
    PcGrad random = new PcGrad(seed);
    PcGrad given = new PcGrad(-seed);
    Rng rng = new Rng(seed);
    for (int call = 0; call < 3; call++) {
      double[][] g = randomGradients(r, numTasks, 7);
      int[][] orders = new int[numTasks][numTasks - 1];
      for (int i = 0; i < numTasks; i++) {
        int[] all = new int[numTasks];
        for (int k = 0; k < numTasks; k++) {
          all[k] = k;
        }
        rng.shuffle(all);
        for (int n = 0, m = 0; n < numTasks; n++) {
          if (all[n] != i) {
            orders[i][m++] = all[n];
          }
        }
      }
      double[] a = new double[7];
      double[] b = new double[7];
      random.combine(g, numTasks, 7, a);
      given.combineInOrder(g, numTasks, 7, orders, b);
      assertThat(b).containsExactly(a);
    }
  }

  @Test
  void combineInOrder_threeTasks_eachOrderGivesItsHandComputedOutcome() {
    // as in threeTasks_handComputed_theFourOutcomesOfTheOrders: g0 via 1 then 2 → (4/5, 0),
    // via 2 then 1 → (4/5, 2/5); g1 → (0, 0); g2 via 0 then 1 → (−2/5, −1/5), via 1 then 0 →
    // (0, −1/5)
    double[][] g = {{1, 0}, {-1, 2}, {0, -1}};
    double[] out = new double[2];
    new PcGrad(0).combineInOrder(g, 3, 2, new int[][] {{1, 2}, {0, 2}, {0, 1}}, out);
    assertClose(new double[] {0.4, -0.2}, out, TIGHT);
    new PcGrad(0).combineInOrder(g, 3, 2, new int[][] {{2, 1}, {2, 0}, {1, 0}}, out);
    assertClose(new double[] {0.8, 0.2}, out, TIGHT);
  }

  @Test
  void combineInOrder_rejectsAnOrderThatIsNotThePermutationOfTheOthers() {
    double[][] g = {{1, 0}, {-1, 2}, {0, -1}};
    double[] out = new double[2];
    PcGrad p = new PcGrad(0);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.combineInOrder(g, 3, 2,
        new int[][] {{1, 2}, {0, 1}, {0, 1}}, out))
        .hasMessage("orders[1] = [0, 1] must list every task other than 1 once, in 0..2");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.combineInOrder(g, 3, 2,
        new int[][] {{1, 2}, {0, 2}, {0, 1, 2}}, out))
        .hasMessage("orders[2] must list the 2 other tasks, got [0, 1, 2]");
  }

  /** Yu et al.'s Algorithm 1 on vectors, one projection at a time. */
  private static double[] reference(double[][] g, Rng rng) {
    int t = g.length;
    int dim = g[0].length;
    double[] d = new double[dim];
    for (int i = 0; i < t; i++) {
      double[] w = g[i].clone();
      int[] order = new int[t];
      for (int k = 0; k < t; k++) {
        order[k] = k;
      }
      rng.shuffle(order);
      for (int j : order) {
        if (j == i) {
          continue;
        }
        double dot = dot(w, g[j]);
        if (dot < 0) {
          double s = dot / dot(g[j], g[j]);
          for (int k = 0; k < dim; k++) {
            w[k] -= s * g[j][k];
          }
        }
      }
      for (int k = 0; k < dim; k++) {
        d[k] += w[k];
      }
    }
    return d;
  }
}
