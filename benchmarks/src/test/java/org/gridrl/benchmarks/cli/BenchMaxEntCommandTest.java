package org.gridrl.benchmarks.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridrl.core.mdp.MdpFormat;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.envs.tabular.ObjectWorld;
import org.gridrl.irl.FeaturesCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchMaxEntCommandTest {

  @TempDir
  Path dir;

  private static CliRunner.Result run(String... args) {
    return CliRunner.command(new BenchMaxEntCommand(), args);
  }

  private static final Pattern US =
      Pattern.compile("\\{\"measure\":\"([a-z_]+)\",\"us\":([0-9.]+),");
  private static final Pattern CHECK =
      Pattern.compile("\\{\"check\":\"e_mu\",\"sum\":([0-9.eE+-]+),\"first\":([0-9.eE+-]+),"
          + "\"objective_disagreement\":([0-9.eE+-]+)\\}");

  /**
   * E[μ] = ΦᵀD of one MaxEnt iteration at w = 0.1·1 with dense matrices and Math.exp/log: T
   * steps of finite-horizon soft VI (τ = 1, discount γ), then D = Σ_t γ^t d_t from d0. An
   * independent route to the number the command checks.
   */
  private static double[] denseExpectedFeatures(TabularMdp m, StateFeatures phi, int horizon) {
    final int n = m.numStates();
    final int na = m.numActions();
    final int k = phi.numFeatures();
    final double g = m.gamma();
    double[] r = new double[n];
    for (int s = 0; s < n; s++) {
      for (int i = 0; i < k; i++) {
        r[s] += 0.1 * phi.get(s, i);
      }
    }
    double[][][] p = new double[n][na][n];
    for (int s = 0; s < n; s++) {
      for (int a = 0; a < na; a++) {
        for (int t = 0; t < n; t++) {
          p[s][a][t] = m.transitionProbability(s, a, t);
        }
      }
    }
    double[] v = new double[n];
    double[][][] pi = new double[horizon][n][na];
    for (int t = horizon - 1; t >= 0; t--) {
      double[] vNew = new double[n];
      for (int s = 0; s < n; s++) {
        double[] q = new double[na];
        double z = 0;
        for (int a = 0; a < na; a++) {
          double ev = 0;
          for (int u = 0; u < n; u++) {
            ev += p[s][a][u] * v[u];
          }
          q[a] = r[s] + g * ev;
          z += Math.exp(q[a]);
        }
        vNew[s] = Math.log(z);
        for (int a = 0; a < na; a++) {
          pi[t][s][a] = Math.exp(q[a] - vNew[s]);
        }
      }
      v = vNew;
    }
    double[] d = m.initialDistribution().clone();
    double[] total = new double[n];
    double c = 1;
    for (int t = 0; t < horizon; t++) {
      double[] next = new double[n];
      for (int s = 0; s < n; s++) {
        total[s] += c * d[s];
        for (int a = 0; a < na; a++) {
          for (int u = 0; u < n; u++) {
            next[u] += d[s] * pi[t][s][a] * p[s][a][u];
          }
        }
      }
      d = next;
      c *= g;
    }
    double[] mu = new double[k];
    for (int s = 0; s < n; s++) {
      for (int i = 0; i < k; i++) {
        mu[i] += total[s] * phi.get(s, i);
      }
    }
    return mu;
  }

  @Test
  void shortRun_withFakeYardstick_timesEveryMeasure_andPinsEmu() throws Exception {
    Path fake = dir.resolve("fake.py");
    Files.writeString(fake, "import os, sys, json\n"
        + "assert os.environ['OPENBLAS_NUM_THREADS'] == '1'\n"
        + "assert open(sys.argv[1]).readline().startswith('#')\n"
        + "assert open(sys.argv[2]).readline().startswith('state,')\n"
        + "assert sys.argv[3] == '3'\n"
        + "print(json.dumps({'numpy': 'x', 'S': 36, 'maxent_iteration_us': 1000.0}))\n");
    CliRunner.Result r = run("--size", "6", "--horizon", "3", "--repeat", "2", "--block", "2",
        "--warmup-ms", "0", "--yardstick", fake.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    Map<String, Double> us = BenchLines.values(US, r.out());
    assertThat(us).containsOnlyKeys("iteration", "reward", "backward", "forward",
        "feature_expectations", "objective", "numpy");
    assertThat(us.get("numpy")).isEqualTo(1000.0);
    Map<String, Double> ratio = BenchLines.values(BenchLines.RATIO, r.out());
    assertThat(ratio).containsOnlyKeys("iteration/numpy", "objective/numpy");
    // printed values are rounded to 0.1 µs and 0.001
    assertThat(ratio.get("iteration/numpy")).isCloseTo(us.get("iteration") / 1000.0,
        within(2e-3));
    assertThat(ratio.get("objective/numpy")).isCloseTo(us.get("objective") / 1000.0,
        within(2e-3));
    assertThat(r.out()).contains("\"target\":0.5", "\"states\":36", "\"horizon\":3");
    assertThat(r.out().lines().toList()).hasSize(10);

    ObjectWorld world = new ObjectWorld(ObjectWorld.Config.defaults(1).withSize(6));
    double[] expected = denseExpectedFeatures(world.mdp(), world.continuousFeatures(), 3);
    Matcher check = CHECK.matcher(r.out());
    assertThat(check.find()).as(r.out()).isTrue();
    double sum = 0;
    for (double x : expected) {
      sum += x;
    }
    assertThat(Double.parseDouble(check.group(1))).isCloseTo(sum, within(1e-11 * sum));
    assertThat(Double.parseDouble(check.group(2))).isCloseTo(expected[0],
        within(1e-11 * expected[0]));
    assertThat(Double.parseDouble(check.group(3))).isLessThan(1e-12);
  }

  @Test
  void dir_keepsTheFilesTheYardstickReads_andTheyReadBackAsTheWorld() {
    Path out = dir.resolve("files");
    CliRunner.Result r = run("--size", "5", "--features", "discrete", "--repeat", "1", "--block", "1",
        "--warmup-ms", "0", "--dir", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).doesNotContain("numpy").contains("\"features\":16");
    ObjectWorld world = new ObjectWorld(ObjectWorld.Config.defaults(1).withSize(5));
    TabularMdp mdp = MdpFormat.read(out.resolve("objectworld.mdp"));
    assertThat(mdp.successors()).containsExactly(world.mdp().successors());
    assertThat(mdp.probabilities()).containsExactly(world.mdp().probabilities());
    assertThat(mdp.gamma()).isEqualTo(world.mdp().gamma());
    StateFeatures phi = FeaturesCsv.read(out.resolve("features.csv"), 25);
    assertThat(phi.data()).containsExactly(world.discreteFeatures().data());
  }

  @Test
  void badOptions_exitTwo_namingTheOption() {
    CliRunner.Result missing = run("--yardstick", dir.resolve("nope.py").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--yardstick").contains("nope.py: no such file");
    CliRunner.Result features = run("--features", "binary");
    assertThat(features.exitCode()).isEqualTo(2);
    assertThat(features.err()).contains("--features must be continuous or discrete, got"
        + " 'binary'");
    CliRunner.Result size = run("--size", "1");
    assertThat(size.exitCode()).isEqualTo(2);
    assertThat(size.err()).contains("--size must be in [2, 512], got 1");
  }

  @Test
  void failingYardstick_exitsOne_withItsOutput() throws Exception {
    Path bad = dir.resolve("bad.py");
    Files.writeString(bad, "print('no numbers here')\n");
    CliRunner.Result r = run("--size", "4", "--repeat", "1", "--block", "1", "--warmup-ms", "0",
        "--yardstick", bad.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("without a \"maxent_iteration_us\" field", "no numbers here");
  }

  @Test
  void gridrlBenchMaxent_isRegisteredUnderBench() {
    CliRunner.Result ok = CliRunner.run("bench", "maxent", "--size", "4", "--repeat", "1",
        "--block", "1", "--warmup-ms", "0");
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(ok.out().lines().toList()).hasSize(7);
    CliRunner.Result bad = CliRunner.run("bench", "maxent", "--horizon", "0");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--horizon, --repeat and --block must be >= 1");
    assertThat(CliRunner.run("bench", "--help").out()).contains("maxent");
  }
}
