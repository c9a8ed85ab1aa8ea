package org.gridrl.benchmarks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.gridrl.core.mdp.MdpFormat;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularMdpBuilder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code gridrl solve --mdp} end to end (file written by {@link MdpFormat}, CSVs parsed back)
 * against a naive dense soft value iteration written here from the definition: Q(s,a) = r(s,a) +
 * γ Σ_{s'} P(s'|s,a) V(s'), V(s) = τ·log Σ_a exp(Q(s,a)/τ), π = exp((Q − V)/τ); terminals have
 * V = 0, Q = 0 and the uniform policy. Seeded random MDPs with 1–7 states, 1–4 actions, γ in
 * [0, 0.95], τ in [0.05, 5], random terminals and initial distributions; every third case is a
 * finite horizon H in 1..12 (V_H = 0, the t = 0 solution compared).
 */
class SolveIndependentCheckTest {

  private static final double TOL = 1e-7;

  @TempDir
  Path dir;

  /** A random MDP as dense arrays plus the settings to solve it with. */
  record Case(int seed, int numStates, int numActions, double gamma, double tau, Integer horizon,
      double[][][] p, double[][] r, boolean[] terminal, double[] d0) {
    @Override
    public String toString() {
      return "seed " + seed + ": S=" + numStates + " A=" + numActions + " gamma=" + gamma
          + " tau=" + tau + " H=" + horizon;
    }
  }

  static Stream<Case> cases() {
    return IntStream.range(0, 15).mapToObj(SolveIndependentCheckTest::randomCase);
  }

  static Case randomCase(int seed) {
    Random rnd = new Random(345 + seed);
    int numStates = 1 + rnd.nextInt(7);
    int numActions = 1 + rnd.nextInt(4);
    double gamma = rnd.nextInt(5) == 0 ? 0.0 : 0.95 * rnd.nextDouble();
    double tau = 0.05 * Math.pow(100, rnd.nextDouble());
    Integer horizon = seed % 3 == 2 ? 1 + rnd.nextInt(12) : null;
    boolean[] terminal = new boolean[numStates];
    for (int s = 0; s < numStates; s++) {
      terminal[s] = numStates > 1 && rnd.nextDouble() < 0.25;
    }
    double[][][] p = new double[numStates][numActions][numStates];
    double[][] r = new double[numStates][numActions];
    for (int s = 0; s < numStates; s++) {
      for (int a = 0; a < numActions; a++) {
        r[s][a] = terminal[s] ? 0 : 4 * rnd.nextDouble() - 2;
        if (terminal[s]) {
          continue;
        }
        double total = 0;
        for (int t = 0; t < numStates; t++) {
          p[s][a][t] = rnd.nextDouble() < 0.6 ? rnd.nextDouble() : 0;
          total += p[s][a][t];
        }
        if (total == 0) {
          p[s][a][rnd.nextInt(numStates)] = 1;
          total = 1;
        }
        for (int t = 0; t < numStates; t++) {
          p[s][a][t] /= total;
        }
      }
    }
    double[] d0 = new double[numStates];
    double total = 0;
    for (int s = 0; s < numStates; s++) {
      d0[s] = rnd.nextDouble();
      total += d0[s];
    }
    for (int s = 0; s < numStates; s++) {
      d0[s] /= total;
    }
    return new Case(seed, numStates, numActions, gamma, tau, horizon, p, r, terminal, d0);
  }

  static TabularMdp build(Case c) {
    TabularMdpBuilder b = TabularMdp.builder(c.numStates(), c.numActions()).gamma(c.gamma())
        .initialDistribution(c.d0());
    for (int s = 0; s < c.numStates(); s++) {
      if (c.terminal()[s]) {
        b.terminal(s);
        continue;
      }
      for (int a = 0; a < c.numActions(); a++) {
        b.reward(s, a, c.r()[s][a]);
        for (int t = 0; t < c.numStates(); t++) {
          if (c.p()[s][a][t] > 0) {
            b.transition(s, a, t, c.p()[s][a][t]);
          }
        }
      }
    }
    return b.build();
  }

  /** One dense soft Bellman backup of vNext into q; returns V. */
  static double[] backup(Case c, double[] vNext, double[][] q) {
    int numStates = c.numStates();
    double[] v = new double[numStates];
    for (int s = 0; s < numStates; s++) {
      if (c.terminal()[s]) {
        Arrays.fill(q[s], 0);
        v[s] = 0;
        continue;
      }
      double m = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < c.numActions(); a++) {
        double next = 0;
        for (int t = 0; t < numStates; t++) {
          next += c.p()[s][a][t] * vNext[t];
        }
        q[s][a] = c.r()[s][a] + c.gamma() * next;
        m = Math.max(m, q[s][a]);
      }
      double sum = 0;
      for (int a = 0; a < c.numActions(); a++) {
        sum += Math.exp((q[s][a] - m) / c.tau());
      }
      v[s] = m + c.tau() * Math.log(sum);
    }
    return v;
  }

  private static double[] column(Path csv, int col) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    return lines.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[col]))
        .toArray();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void solve_randomMdp_agreesWithNaiveDenseSoftVi(Case c) throws IOException {
    Path file = dir.resolve("random.mdp");
    MdpFormat.write(build(c), file);
    List<String> args = new ArrayList<>(List.of("solve", "--mdp", file.toString(),
        "--temperature", Double.toString(c.tau()), "--out", dir.toString()));
    if (c.horizon() != null) {
      args.addAll(List.of("--horizon", Integer.toString(c.horizon())));
    }
    CliRunner.Result res = CliRunner.run(args.toArray(String[]::new));
    assertThat(res.exitCode()).as(res.err()).isZero();

    int numStates = c.numStates();
    int numActions = c.numActions();
    double[][] q = new double[numStates][numActions];
    double[] v = new double[numStates];
    if (c.horizon() != null) {
      for (int t = 0; t < c.horizon(); t++) {
        v = backup(c, v, q);
      }
    } else {
      for (int it = 0; it < 1_000_000; it++) {
        double[] next = backup(c, v, q);
        double change = 0;
        for (int s = 0; s < numStates; s++) {
          change = Math.max(change, Math.abs(next[s] - v[s]));
        }
        v = next;
        if (change < 1e-14) {
          break;
        }
      }
      backup(c, v, q); // q consistent with the converged v
    }

    double[] gotV = column(dir.resolve("values.csv"), 1);
    double[] gotQ = column(dir.resolve("q.csv"), 2);
    double[] gotPi = column(dir.resolve("policy.csv"), 2);
    assertThat(gotV).hasSize(numStates);
    assertThat(gotQ).hasSize(numStates * numActions);
    for (int s = 0; s < numStates; s++) {
      double scale = Math.max(1, Math.abs(v[s]));
      assertThat(Math.abs(gotV[s] - v[s])).as("V(%d)", s).isLessThan(TOL * scale);
      for (int a = 0; a < numActions; a++) {
        double expectedPi = c.terminal()[s] ? 1.0 / numActions
            : Math.exp((q[s][a] - v[s]) / c.tau());
        assertThat(Math.abs(gotQ[s * numActions + a] - q[s][a])).as("Q(%d,%d)", s, a)
            .isLessThan(TOL * Math.max(1, Math.abs(q[s][a])));
        assertThat(Math.abs(gotPi[s * numActions + a] - expectedPi)).as("pi(%d|%d)", a, s)
            .isLessThan(TOL);
      }
    }
  }
}
