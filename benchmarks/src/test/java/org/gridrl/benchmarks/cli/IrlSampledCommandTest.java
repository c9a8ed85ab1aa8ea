package org.gridrl.benchmarks.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gridrl.core.mdp.MdpFormat;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.pg.PolicyTables;
import org.gridrl.core.pg.Sampler.ObservationEncoder;
import org.gridrl.core.planning.ValueIteration;
import org.gridrl.irl.Demonstrations;
import org.gridrl.irl.sampled.BehaviourCloning;
import org.gridrl.irl.sampled.BehaviourCloningConfig;
import org.gridrl.irl.sampled.SampledIrlResult;
import org.gridrl.irl.sampled.Transitions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code gridrl irl gail|airl|gcl|bc} on a 6-state chain whose reward is at the right end: the
 * files are the library's numbers, the trained policies follow the expert, and options of the
 * known-dynamics methods are refused by name.
 */
class IrlSampledCommandTest {

  /** 6 states in a line, action 0 left, action 1 right (clamped); reward 1 at state 5. */
  private static TabularMdp chain() {
    var b = TabularMdp.builder(6, 2).gamma(0.9)
        .initialDistribution(new double[] {1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0});
    for (int s = 0; s < 6; s++) {
      b.transition(s, 0, Math.max(0, s - 1), 1.0);
      b.transition(s, 1, Math.min(5, s + 1), 1.0);
      b.stateReward(s, s == 5 ? 1 : 0);
    }
    return b.build();
  }

  @TempDir
  Path dir;
  Path mdpFile;
  Path featuresFile;
  Path demosFile;
  Path out;
  Demonstrations demos;

  @BeforeEach
  void writeInputs() throws IOException {
    mdpFile = dir.resolve("chain.mdp");
    MdpFormat.write(chain(), mdpFile);
    featuresFile = dir.resolve("features.csv");
    StringBuilder f = new StringBuilder("state,f0,f1,f2,f3,f4,f5\n");
    for (int s = 0; s < 6; s++) {
      f.append(s);
      for (int j = 0; j < 6; j++) {
        f.append(j == s ? ",1" : ",0");
      }
      f.append('\n');
    }
    Files.writeString(featuresFile, f);
    TabularPolicy expert = ValueIteration.solve(chain()).policy();
    demos = Demonstrations.sample(chain(), expert, 24, 8, 3);
    demosFile = dir.resolve("demos.csv");
    demos.write(demosFile);
    out = dir.resolve("out");
  }

  private static double[] column(Path csv, int col) throws IOException {
    return Files.readAllLines(csv).stream().skip(1)
        .mapToDouble(l -> Double.parseDouble(l.split(",")[col])).toArray();
  }

  @Test
  void bc_writesTheLibrarysPolicy_whichMovesRightEverywhere_andNoReward() throws IOException {
    CliRunner.Result r = CliRunner.run("irl", "bc", "--mdp", mdpFile.toString(), "--features",
        featuresFile.toString(), "--demos", demosFile.toString(), "--seed", "4", "--out",
        out.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.exitCode()).isZero();
    assertThat(out.resolve("reward.csv")).doesNotExist();
    ObservationEncoder<Integer> oneHot = ObservationEncoder.oneHot(6);
    SampledIrlResult<BehaviourCloningConfig> lib = BehaviourCloning.train(
        Transitions.fromDemonstrations(demos, chain(), oneHot, 6),
        BehaviourCloningConfig.defaults().withSeed(4), null);
    TabularPolicy pi = PolicyTables.policy(lib.policy(), 6, oneHot);
    double[] p = column(out.resolve("policy.csv"), 2);
    for (int s = 0; s < 6; s++) {
      assertThat(p[2 * s]).isEqualTo(pi.probability(s, 0));
      assertThat(p[2 * s + 1]).isEqualTo(pi.probability(s, 1));
      assertThat(p[2 * s] + p[2 * s + 1]).isCloseTo(1, within(1e-12));
    }
    // the expert moves right everywhere (at state 5 "right" stays on the reward)
    for (int s = 0; s < 6; s++) {
      assertThat(pi.greedyAction(s)).as("state %d", s).isEqualTo(1);
    }
    assertThat(r.out()).contains("bc on " + mdpFile + ": S = 6, A = 2, k = 6");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"gail, 40", "airl, 40", "gcl, 8"})
  void samplingMethods_writeARewardForEveryState_andAPolicyThatBeatsUniform(String method,
      int iterations) throws IOException {
    CliRunner.Result r = CliRunner.run("irl", method, "--mdp", mdpFile.toString(), "--features",
        featuresFile.toString(), "--demos", demosFile.toString(), "--iterations",
        String.valueOf(iterations), "--out", out.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.exitCode()).isZero();
    assertThat(Files.readAllLines(out.resolve("reward.csv")).get(0)).isEqualTo("state,reward");
    double[] reward = column(out.resolve("reward.csv"), 1);
    assertThat(reward).hasSize(6);
    for (double x : reward) {
      assertThat(x).isFinite();
    }
    double[] p = column(out.resolve("policy.csv"), 2);
    double[] table = new double[12];
    for (int i = 0; i < 12; i++) {
      table[i] = p[i];
    }
    double norm = PolicyTables.normalisedReturn(chain(), TabularPolicy.of(6, 2, table));
    assertThat(norm).as("normalised return of the written policy").isGreaterThan(0.5);
    assertThat(r.out()).contains(method + " on " + mdpFile);
  }

  @Test
  void optionsOfTheKnownDynamicsMethods_areRefusedByName() {
    for (List<String> extra : List.of(List.of("--l2", "0.1"), List.of("--temperature", "2"),
        List.of("--objective", "stationary"), List.of("--learning-rate", "0.1"),
        List.of("--start", "empirical"), List.of("--strict"))) {
      List<String> args = new java.util.ArrayList<>(List.of("irl", "gail", "--mdp",
          mdpFile.toString(), "--features", featuresFile.toString(), "--demos",
          demosFile.toString(), "--out", out.toString()));
      args.addAll(extra);
      CliRunner.Result r = CliRunner.run(args.toArray(new String[0]));
      assertThat(r.exitCode()).as(extra.toString()).isEqualTo(2);
      assertThat(r.err()).as(extra.toString()).startsWith("gridrl: " + extra.get(0)
          + " applies to ").endsWith("only\n").hasLineCount(1);
      assertThat(out).doesNotExist();
    }
  }
}
