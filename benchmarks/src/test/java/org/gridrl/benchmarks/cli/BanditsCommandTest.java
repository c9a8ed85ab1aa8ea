package org.gridrl.benchmarks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.gridrl.core.nn.ParameterIo;
import org.gridrl.core.util.Rng;
import org.gridrl.envs.bandit.BernoulliBandit;
import org.gridrl.meta.baselines.BanditPolicy;
import org.gridrl.meta.baselines.BanditTrials;
import org.gridrl.meta.baselines.EpsilonGreedy;
import org.gridrl.meta.baselines.RandomPolicy;
import org.gridrl.meta.rl2.Rl2Network;
import org.gridrl.meta.rl2.Rl2Tasks;
import org.gridrl.meta.rl2.Rl2TrialPolicies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridrl meta bandits}: every row is {@link BanditTrials#run} of that method on the same
 * seed (the numbers a caller of the library gets), a saved RL² network plays as one more row,
 * and a bad option or a network that does not fit is one line naming it, exit code 2.
 */
class BanditsCommandTest {

  /** The row's cells as the command prints them: name, reward ± SE, regret, arms tried. */
  private static List<String> row(String name, BanditTrials.Outcome o) {
    return List.of(name, String.format(Locale.ROOT, "%.2f ± %.2f", o.meanTotalReward(),
        o.standardError()), String.format(Locale.ROOT, "%.2f", o.meanPseudoRegret()),
        String.format(Locale.ROOT, "%.2f", o.meanArmsTried()));
  }

  private static List<String> line(String out, String method) {
    return List.of(out.lines().filter(l -> l.startsWith(method + " ")).findFirst()
        .orElseThrow().strip().split("\\s{2,}"));
  }

  @Test
  void rows_areTheLibrarysTrialsOnTheSameSeed() {
    CliRunner.Result r = CliRunner.run("meta", "bandits", "--arms", "3", "--pulls", "20",
        "--trials", "50", "--seed", "4", "--methods", "greedy,random");
    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).isEmpty();
    // greedy's ties go to the lowest arm by default, as in rl2-bandits
    BanditTrials.Outcome greedy = BanditTrials.run(EpsilonGreedy.lowestTie(0),
        BernoulliBandit.tasks(3, 20), 50, 4);
    BanditTrials.Outcome random = BanditTrials.run(new RandomPolicy(),
        BernoulliBandit.tasks(3, 20), 50, 4);
    assertThat(line(r.out(), "greedy")).isEqualTo(row("greedy", greedy));
    assertThat(line(r.out(), "random")).isEqualTo(row("random", random));
    assertThat(r.out().lines().toList()).hasSize(4); // title, header, two rows
  }

  @Test
  void tiesLowest_playsTheLowestArmVariantsOfGreedyAndEpsilonGreedy() {
    CliRunner.Result r = CliRunner.run("meta", "bandits", "--arms", "10", "--pulls", "30",
        "--trials", "200", "--seed", "5", "--methods", "greedy,epsilon-greedy", "--ties",
        "lowest", "--constant", "epsilon-greedy=0.1");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("greedy ties to the lowest arm");
    BanditTrials.Outcome greedy = BanditTrials.run(EpsilonGreedy.lowestTie(0),
        BernoulliBandit.tasks(10, 30), 200, 5);
    BanditTrials.Outcome eps = BanditTrials.run(EpsilonGreedy.lowestTie(0.1),
        BernoulliBandit.tasks(10, 30), 200, 5);
    assertThat(line(r.out(), "greedy")).isEqualTo(row("greedy", greedy));
    assertThat(line(r.out(), "epsilon-greedy")).isEqualTo(row("epsilon-greedy (0.1)", eps));
    // and the two rules differ on these trials (ties are common with 10 arms and 30 pulls)
    BanditTrials.Outcome uniform = BanditTrials.run(EpsilonGreedy.greedy(),
        BernoulliBandit.tasks(10, 30), 200, 5);
    assertThat(greedy.meanTotalReward()).isNotEqualTo(uniform.meanTotalReward());
    CliRunner.Result bad = CliRunner.run("meta", "bandits", "--arms", "3", "--pulls", "5",
        "--ties", "first");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err().strip()).isEqualTo("gridrl: --ties must be uniform or lowest, got"
        + " 'first'");
  }

  @Test
  void savedRl2Network_playsAsOneMoreRow(@TempDir Path dir) {
    Rl2Network net = Rl2Network.forTasks(Rl2Tasks.bandits(3, 20), 4, new Rng(7));
    Path file = dir.resolve("net.json");
    ParameterIo.save(net, file);
    CliRunner.Result r = CliRunner.run("meta", "bandits", "--arms", "3", "--pulls", "20",
        "--trials", "30", "--seed", "2", "--methods", "greedy", "--rl2", file.toString(),
        "--hidden", "4");
    assertThat(r.exitCode()).isZero();
    BanditPolicy rl2 = Rl2TrialPolicies.bandit(net);
    BanditTrials.Outcome o = BanditTrials.run(rl2, BernoulliBandit.tasks(3, 20), 30, 2);
    assertThat(line(r.out(), "rl2")).isEqualTo(row("rl2", o));
  }

  @Test
  void badOptions_areOneLineNamingTheOption_exitTwo(@TempDir Path dir) {
    Rl2Network net = Rl2Network.forTasks(Rl2Tasks.bandits(3, 20), 4, new Rng(7));
    Path file = dir.resolve("net.json");
    ParameterIo.save(net, file);
    String[][] cases = {
        {"--arms", "1", "--pulls", "5", "--arms"},
        {"--arms", "3", "--pulls", "0", "--pulls"},
        {"--arms", "3", "--pulls", "5", "--methods", "ucb2", "ucb2"},
        {"--arms", "3", "--pulls", "5", "--constant", "greedy=0.1", "greedy"},
        {"--arms", "3", "--pulls", "5", "--constant", "gittins=1", "--constant gittins"},
        {"--arms", "3", "--pulls", "5", "--rl2", dir.resolve("none.json").toString(),
            "no such file"},
        {"--arms", "3", "--pulls", "5", "--rl2", file.toString(), "--hidden", "8", "--hidden 8"},
        {"--arms", "4", "--pulls", "5", "--rl2", file.toString(), "--hidden", "4", "4 arms"},
    };
    for (String[] c : cases) {
      String[] args = new String[c.length + 1];
      args[0] = "meta";
      args[1] = "bandits";
      System.arraycopy(c, 0, args, 2, c.length - 1);
      CliRunner.Result r = CliRunner.run(args);
      String what = String.join(" ", args);
      assertThat(r.exitCode()).as(what).isEqualTo(2);
      assertThat(r.out()).as(what).isEmpty();
      assertThat(r.err().strip().lines()).as(what).hasSize(1);
      assertThat(r.err()).as(what).contains(c[c.length - 1]);
    }
    assertThat(List.of(CliRunner.run("meta", "bandits", "--pulls", "5").err()))
        .allMatch(e -> e.contains("--arms"));
  }
}
