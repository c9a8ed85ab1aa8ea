package org.gridrl.benchmarks.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gridrl.core.planning.FiniteHorizonSolution;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.Solution;
import org.gridrl.envs.tabular.GridWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridrl solve} on a hand-made two-state MDP whose soft solution has a closed form.
 *
 * <p>State 1 loops on itself with reward 1 (action 0) or 2 (action 1), so
 * V(1) = τ·log(e^{1/τ} + e^{2/τ}) / (1 − γ). State 0 moves to state 1 with reward 0 (action 0) or
 * log 3 (action 1), so Q(0,a) = r(0,a) + γV(1), V(0) = τ·log(1 + 3^{1/τ}) + γV(1) and
 * π(1|0) = 3^{1/τ} / (1 + 3^{1/τ}). Finite horizon H = 2: V_1(1) = τ·lse(1/τ, 2/τ),
 * V_1(0) = τ·log(1 + 3^{1/τ}), V_0(s) = V_1(s) + γ·V_1(1).
 */
class SolveCommandTest {

  private static final double TAU = 0.5;
  private static final double GAMMA = 0.9;
  private static final String MDP = """
      # two states, closed form in SolveCommandTest
      states 2
      actions 2
      gamma 0.9
      init 1 0
      reward 0 1 1.0986122886681098
      reward 1 0 1
      reward 1 1 2
      transition 0 0 1 1
      transition 0 1 1 1
      transition 1 0 1 1
      transition 1 1 1 1
      """;

  @TempDir
  Path dir;

  private static double lse(double a, double b) {
    double m = Math.max(a, b);
    return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
  }

  private static double[] column(Path csv, int col) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    return lines.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[col]))
        .toArray();
  }

  @Test
  void solveMdp_twoStates_matchesClosedForm() throws IOException {
    Path mdp = dir.resolve("two.mdp");
    Files.writeString(mdp, MDP);
    Path out = dir.resolve("out");

    CliRunner.Result r = CliRunner.run("solve", "--mdp", mdp.toString(), "--temperature",
        Double.toString(TAU), "--tolerance", "1e-13", "--out", out.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    double log3 = Math.log(3);
    double v1 = TAU * lse(1 / TAU, 2 / TAU) / (1 - GAMMA);
    double v0 = TAU * lse(0, log3 / TAU) + GAMMA * v1;
    double[] v = column(out.resolve("values.csv"), 1);
    assertThat(v).hasSize(2);
    assertThat(v[0]).isCloseTo(v0, within(1e-10));
    assertThat(v[1]).isCloseTo(v1, within(1e-10));

    double[] q = column(out.resolve("q.csv"), 2);
    assertThat(q[0]).isCloseTo(GAMMA * v1, within(1e-10));
    assertThat(q[1]).isCloseTo(1.0986122886681098 + GAMMA * v1, within(1e-10));
    assertThat(q[2]).isCloseTo(1 + GAMMA * v1, within(1e-10));
    assertThat(q[3]).isCloseTo(2 + GAMMA * v1, within(1e-10));

    double[] pi = column(out.resolve("policy.csv"), 2);
    double p = Math.pow(3, 1 / TAU) / (1 + Math.pow(3, 1 / TAU));
    assertThat(pi[0]).isCloseTo(1 - p, within(1e-12));
    assertThat(pi[1]).isCloseTo(p, within(1e-12));
    double e = Math.exp(1 / TAU);
    assertThat(pi[3]).isCloseTo(e / (1 + e), within(1e-12)); // e^{2/τ} / (e^{1/τ} + e^{2/τ})

    assertThat(Files.readAllLines(out.resolve("values.csv")).get(0)).isEqualTo("state,value");
    assertThat(Files.readAllLines(out.resolve("q.csv")).get(0)).isEqualTo("state,action,q");
    assertThat(Files.readAllLines(out.resolve("policy.csv")).get(0))
        .isEqualTo("state,action,probability");
    assertThat(r.out()).contains("2 states, 2 actions, gamma 0.9").contains("converged after")
        .contains("residual");
  }

  @Test
  void solveMdp_finiteHorizon_writesTheTimeZeroSolution() throws IOException {
    Path mdp = dir.resolve("two.mdp");
    Files.writeString(mdp, MDP);

    CliRunner.Result r = CliRunner.run("solve", "--mdp", mdp.toString(), "--temperature",
        Double.toString(TAU), "--horizon", "2", "--out", dir.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    double v11 = TAU * lse(1 / TAU, 2 / TAU);
    double v10 = TAU * lse(0, Math.log(3) / TAU);
    double[] v = column(dir.resolve("values.csv"), 1);
    assertThat(v[0]).isCloseTo(v10 + GAMMA * v11, within(1e-12));
    assertThat(v[1]).isCloseTo(v11 + GAMMA * v11, within(1e-12));
    assertThat(r.out()).contains("H = 2").contains("exact after 2 steps");
  }

  @Test
  void solveMdp_finiteHorizonWithDiscount_usesItInPlaceOfGamma() throws IOException {
    Path mdp = dir.resolve("two.mdp");
    Files.writeString(mdp, MDP);

    CliRunner.Result r = CliRunner.run("solve", "--mdp", mdp.toString(), "--temperature",
        Double.toString(TAU), "--horizon", "2", "--discount", "0.25", "--threads", "2", "--out",
        dir.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    double v11 = TAU * lse(1 / TAU, 2 / TAU);
    double v10 = TAU * lse(0, Math.log(3) / TAU);
    double[] v = column(dir.resolve("values.csv"), 1);
    assertThat(v[0]).isCloseTo(v10 + 0.25 * v11, within(1e-12));
    assertThat(v[1]).isCloseTo(v11 + 0.25 * v11, within(1e-12));
    assertThat(r.out()).contains("H = 2, discount 0.25, temperature 0.5");
  }

  @Test
  void solveMdp_gammaOneWithHorizon_isTheUndiscountedSumOverHSteps() throws IOException {
    // the same MDP with gamma 1: V_t(1) = (H − t)·τ·lse(1/τ, 2/τ), V_0(0) = τ·lse(0, log 3/τ)
    // + (H − 1)·τ·lse(1/τ, 2/τ); π_0 is the soft-greedy policy of Q_0 = r + V_1
    Path mdp = dir.resolve("undiscounted.mdp");
    Files.writeString(mdp, MDP.replace("gamma 0.9", "gamma 1"));
    int horizon = 20;

    CliRunner.Result r = CliRunner.run("solve", "--mdp", mdp.toString(), "--temperature",
        Double.toString(TAU), "--horizon", Integer.toString(horizon), "--out", dir.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    double step1 = TAU * lse(1 / TAU, 2 / TAU);
    double[] v = column(dir.resolve("values.csv"), 1);
    assertThat(v[0]).isCloseTo(TAU * lse(0, Math.log(3) / TAU) + (horizon - 1) * step1,
        within(1e-11));
    assertThat(v[1]).isCloseTo(horizon * step1, within(1e-11));
    double[] q = column(dir.resolve("q.csv"), 2);
    assertThat(q[3]).isCloseTo(2 + (horizon - 1) * step1, within(1e-11));
    double[] pi = column(dir.resolve("policy.csv"), 2);
    double p = Math.pow(3, 1 / TAU) / (1 + Math.pow(3, 1 / TAU));
    assertThat(pi[1]).isCloseTo(p, within(1e-12));
    assertThat(r.out()).contains("gamma 1,").contains("H = 20, discount 1, temperature 0.5")
        .contains("exact after 20 steps");
    // the same numbers as the library's finite-horizon solve, to the last bit
    FiniteHorizonSolution lib = SoftValueIteration.solveFiniteHorizon(
        org.gridrl.core.mdp.MdpFormat.read(mdp), horizon, TAU, null);
    assertThat(v).containsExactly(lib.v()[0]);
    assertThat(q).containsExactly(lib.q()[0]);

    CliRunner.Result discounted = CliRunner.run("solve", "--mdp", mdp.toString(), "--out",
        dir.toString());
    assertThat(discounted.exitCode()).isEqualTo(2);
    assertThat(discounted.err().strip()).isEqualTo("gridrl: " + mdp + " has gamma 1, and a"
        + " discounted solve needs gamma < 1 (with gamma = 1 the sum of rewards over an infinite"
        + " horizon need not converge): give --horizon H for a finite-horizon solve (and"
        + " --discount c), or --gamma g < 1");
  }

  @Test
  void solveMap_csvValues_roundTripExactlyToTheLibrarySolution() throws IOException {
    CliRunner.Result r = CliRunner.run("solve", "--map", "fourrooms", "--slip", "0.2",
        "--actions", "5", "--gamma", "0.9", "--out", dir.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    GridWorld world = GridWorld.bundled("fourrooms",
        GridWorld.Options.defaults().withSlip(0.2).withNumActions(5).withGamma(0.9)
            .withStepReward(MapOptions.DEFAULT_STEP_REWARD)
            .withGoalReward(MapOptions.DEFAULT_GOAL_REWARD));
    Solution expected = SoftValueIteration.solve(world.mdp());
    assertThat(column(dir.resolve("values.csv"), 1)).containsExactly(expected.v());
    assertThat(column(dir.resolve("q.csv"), 2)).containsExactly(expected.q());
    assertThat(column(dir.resolve("policy.csv"), 2)).containsExactly(expected.policy().toArray());
  }

  @Test
  void solveMap_everyKernelSolverAndThreadCount_reachesTheSameFixedPoint() throws IOException {
    String[][] variants = {{"csr", "jacobi", "1"}, {"grid", "jacobi", "2"}, {"grid", "fast", "1"},
        {"csr", "fast", "3"}};
    double[] reference = null;
    for (String[] v : variants) {
      Path out = dir.resolve(String.join("-", v));
      CliRunner.Result r = CliRunner.run("solve", "--map", "maze", "--slip", "0.3", "--actions",
          "5", "--kernel", v[0], "--solver", v[1], "--threads", v[2], "--out", out.toString());
      assertThat(r.exitCode()).as(r.err()).isZero();
      double[] values = column(out.resolve("values.csv"), 1);
      if (reference == null) {
        reference = values;
      } else {
        assertThat(values).as(String.join(" ", v)).containsExactly(reference, within(1e-8));
      }
    }
  }

  @Test
  void solveAtItsSweepCap_warnsInOneLine_andStrictExits1WithoutWriting() throws IOException {
    // before: "hit the cap of 1 sweep" on stdout only, exit 0, nothing on stderr
    GridWorld world = GridWorld.bundled("fourrooms", GridWorld.Options.defaults()
        .withStepReward(MapOptions.DEFAULT_STEP_REWARD)
        .withGoalReward(MapOptions.DEFAULT_GOAL_REWARD));
    Solution one = SoftValueIteration.solve(world.mdp(),
        org.gridrl.core.planning.SoftViConfig.defaults().withMaxIterations(1));
    assertThat(one.report().converged()).isFalse();
    String capped = "soft value iteration stopped at --max-iterations 1 unconverged: residual "
        + Formats.number(one.report().residual()) + " >= --tolerance 1e-10 (raise"
        + " --max-iterations, or use --solver fast)";

    Path out = dir.resolve("capped");
    CliRunner.Result r = CliRunner.run("solve", "--map", "fourrooms", "--max-iterations", "1",
        "--out", out.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).isEqualTo("gridrl: warning: " + capped + "\n");
    assertThat(r.out()).contains("hit the cap of 1 sweep");
    assertThat(column(out.resolve("values.csv"), 1)).containsExactly(one.v());

    Path strictOut = dir.resolve("strict");
    CliRunner.Result s = CliRunner.run("solve", "--map", "fourrooms", "--max-iterations", "1",
        "--strict", "--out", strictOut.toString());
    assertThat(s.exitCode()).isEqualTo(1); // the input was fine: not 2
    assertThat(s.out()).isEmpty();
    assertThat(s.err()).isEqualTo("gridrl: " + capped + "; --strict: nothing written\n");
    assertThat(Files.exists(strictOut)).isFalse();

    // Anderson sweeps: no hint to use them
    CliRunner.Result f = CliRunner.run("solve", "--map", "fourrooms", "--max-iterations", "2",
        "--solver", "fast", "--out", out.toString());
    assertThat(f.err()).startsWith("gridrl: warning: soft value iteration stopped at"
        + " --max-iterations 2 unconverged: residual ").endsWith(" (raise --max-iterations)\n");

    // converged: --strict says nothing; a finite-horizon solve is exact, so never capped
    CliRunner.Result ok = CliRunner.run("solve", "--map", "fourrooms", "--strict", "--out",
        out.toString());
    assertThat(ok.exitCode()).isZero();
    assertThat(ok.err()).isEmpty();
    CliRunner.Result h = CliRunner.run("solve", "--map", "fourrooms", "--horizon", "3",
        "--strict", "--out", out.toString());
    assertThat(h.exitCode()).isZero();
    assertThat(h.err()).isEmpty();

    // render warns the same way
    CliRunner.Result png = CliRunner.run("render", "--map", "fourrooms", "--max-iterations", "1",
        "--out", dir.resolve("capped.png").toString());
    assertThat(png.exitCode()).isZero();
    assertThat(png.err()).isEqualTo("gridrl: warning: " + capped + "\n");
  }

  @Test
  void threadsAboveTheCoreCount_areCappedWithANote_andGiveTheSameValues() throws IOException {
    int cores = Runtime.getRuntime().availableProcessors();
    Path many = dir.resolve("many");
    CliRunner.Result r = CliRunner.run("solve", "--map", "maze", "--slip", "0.2", "--threads",
        "1000", "--out", many.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).isEqualTo("gridrl: note: --threads 1000 is more than the " + cores
        + (cores == 1 ? " core" : " cores") + " of this machine; using " + cores
        + " (the results do not depend on the thread count)\n");
    Path single = dir.resolve("single");
    CliRunner.Result one = CliRunner.run("solve", "--map", "maze", "--slip", "0.2", "--out",
        single.toString());
    assertThat(one.err()).isEmpty();
    assertThat(Files.readString(many.resolve("values.csv")))
        .isEqualTo(Files.readString(single.resolve("values.csv")));
    // at or below the core count: no note
    assertThat(CliRunner.run("solve", "--map", "maze", "--threads", Integer.toString(cores),
        "--out", many.toString()).err()).isEmpty();
  }

  @Test
  void render_printsTheAsciiPolicy_andWritesAPng() throws IOException {
    Path png = dir.resolve("four.png");
    CliRunner.Result r = CliRunner.run("render", "--map", "fourrooms", "--goal-reward", "50",
        "--out", png.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    GridWorld world = GridWorld.bundled("fourrooms",
        GridWorld.Options.defaults().withGoalReward(50).withStepReward(-1));
    assertThat(r.out()).startsWith(world.renderAscii(SoftValueIteration.solve(world.mdp())
        .policy()));
    java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isGreaterThan(400);
    assertThat(img.getHeight()).isGreaterThan(400);
  }
}
