package org.gridrl.benchmarks.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gridrl.benchmarks.experiments.meta.Rl2Published;
import org.gridrl.benchmarks.experiments.meta.TrialMethods;
import org.gridrl.benchmarks.report.TextTable;
import org.gridrl.core.nn.ParameterFormatException;
import org.gridrl.core.util.Numbers;
import org.gridrl.envs.bandit.BernoulliBandit;
import org.gridrl.meta.baselines.BanditPolicy;
import org.gridrl.meta.baselines.BanditTrials;
import org.gridrl.meta.rl2.Rl2Policy;
import org.gridrl.meta.rl2.Rl2Tasks;
import org.gridrl.meta.rl2.Rl2TrialPolicies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gridrl meta bandits --arms K --pulls N [--rl2 FILE]}: plays every bandit method of RL²'s
 * Table 1 ({@link TrialMethods#bandit}), and optionally a saved RL² network
 * ({@link Rl2Policy#load}, evaluated without retraining), on the same fresh trials
 * ({@link BanditTrials}: common tasks and reward streams), and prints per method the mean total
 * reward ± SE, the mean pseudo-regret and the mean number of distinct arms pulled per trial (how
 * far the method explores). A bad option or a network that does not fit is one line, exit 2.
 */
@Command(name = "bandits", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class, sortOptions = false,
    description = {"Plays the bandit methods of RL2's Table 1 (random, gittins, thompson, ucb1,"
        + " epsilon-greedy, greedy) and optionally a saved RL2 network on the same fresh"
        + " Bernoulli trials (arm means uniform on [0, 1]), and prints per method the mean total"
        + " reward +- standard error, the mean pseudo-regret sum_t (max_i mu_i - mu_a_t) and the"
        + " mean number of distinct arms pulled per trial.",
        "The constants default to those the rl2-bandits run tunes most often (ucb1 c = 0.2,"
        + " gittins discount 0.99; epsilon-greedy epsilon = 0.1, its choice at n = 500, where at"
        + " n <= 100 it tunes 0, greedy); --constant changes one."})
public final class BanditsCommand implements Callable<Integer> {

  /** The tuned constants used unless {@code --constant} gives another. */
  static final Map<String, Double> DEFAULT_CONSTANTS = Map.of("ucb1", 0.2, "epsilon-greedy",
      0.1, "gittins", 0.99);

  @Option(names = "--arms", paramLabel = "K", required = true,
      description = "The number of arms k >= 2.")
  int arms;

  @Option(names = "--pulls", paramLabel = "N", required = true,
      description = "The pulls per trial n >= 1.")
  int pulls;

  @Option(names = "--trials", paramLabel = "M", defaultValue = "1000",
      description = "Trials per method (default 1000, the paper's count).")
  int trials;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seeds the tasks, the reward streams and the methods' draws (default 1).")
  long seed;

  @Option(names = "--methods", paramLabel = "LIST", split = ",",
      description = "The baselines to play, comma-separated (default: all six).")
  List<String> methods;

  @Option(names = "--constant", paramLabel = "METHOD=VALUE",
      description = "A method's constant: ucb1=c, epsilon-greedy=epsilon, gittins=discount"
          + " (repeatable).")
  Map<String, Double> constants = new LinkedHashMap<>();

  @Option(names = "--ties", paramLabel = "RULE", defaultValue = "lowest",
      description = "How greedy and epsilon-greedy break ties among the best posterior means:"
          + " lowest (the lowest-numbered arm, numpy's argmax in Duan et al.'s baseline script;"
          + " the default, as rl2-bandits) or uniform (at random).")
  String ties;

  @Option(names = "--rl2", paramLabel = "FILE",
      description = "A trained RL2 network for these k arms and n pulls (the rl2/nN_kK.json"
          + " of a rl2-bandits run), played as one more method.")
  Path rl2;

  @Option(names = "--hidden", paramLabel = "H", defaultValue = "64",
      description = "The GRU state size of the --rl2 network (default 64, rl2-bandits').")
  int hidden;

  private final Io io;

  /** The command writing to {@code io}. */
  public BanditsCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    if (arms < 2) {
      throw new UsageException("--arms must be >= 2, got " + arms);
    }
    if (pulls < 1) {
      throw new UsageException("--pulls must be >= 1, got " + pulls);
    }
    if (trials < 2) {
      throw new UsageException("--trials must be >= 2, got " + trials);
    }
    if (hidden < 1) {
      throw new UsageException("--hidden must be >= 1, got " + hidden);
    }
    if (!TrialMethods.TIE_RULES.contains(ties)) {
      throw new UsageException("--ties must be uniform or lowest, got '" + ties + "'");
    }
    List<String> baselines = new ArrayList<>();
    for (String m : Rl2Published.BANDIT_METHODS) {
      if (!m.equals(TrialMethods.RL2)) {
        baselines.add(m);
      }
    }
    List<String> chosen = methods == null ? baselines : methods;
    for (String m : chosen) {
      if (!baselines.contains(m)) {
        throw new UsageException("--methods: unknown method '" + m + "' (one of "
            + String.join(", ", baselines) + ")");
      }
    }
    for (Map.Entry<String, Double> e : constants.entrySet()) {
      if (!DEFAULT_CONSTANTS.containsKey(e.getKey())) {
        throw new UsageException("--constant: '" + e.getKey() + "' has no constant (ucb1,"
            + " epsilon-greedy and gittins have)");
      }
    }
    Map<String, BanditPolicy> policies = new LinkedHashMap<>();
    for (String m : chosen) {
      double c = constants.getOrDefault(m, DEFAULT_CONSTANTS.getOrDefault(m, Double.NaN));
      BanditPolicy p = OptionErrors.build(Map.of("epsilon", "--constant epsilon-greedy",
          "discount", "--constant gittins", "gamma", "--constant gittins",
          "c", "--constant ucb1"),
          () -> TrialMethods.bandit(m, c, TrialMethods.lowestTies(ties), pulls)
              .orElseThrow());
      policies.put(label(m, c), p);
    }
    if (rl2 != null) {
      if (!Files.isRegularFile(rl2)) {
        throw new UsageException("--rl2 " + rl2 + ": no such file");
      }
      try {
        Rl2Policy policy = Rl2Policy.load(Rl2Tasks.bandits(arms, pulls), hidden, rl2);
        policies.put("rl2", Rl2TrialPolicies.bandit(policy.network()));
      } catch (ParameterFormatException e) {
        throw new UsageException("--rl2 " + rl2 + ": not an RL2 network for " + arms
            + " arms with --hidden " + hidden + " (" + e.getMessage() + ")");
      }
    }
    io.out().println(String.format(Locale.ROOT, "%d trials of %d pulls of %d Bernoulli arms,"
        + " seed %d%s", trials, pulls, arms, seed,
        TrialMethods.lowestTies(ties) ? ", greedy ties to the lowest arm" : ""));
    TextTable table = new TextTable("method", "total reward", "pseudo-regret", "arms tried");
    for (Map.Entry<String, BanditPolicy> e : policies.entrySet()) {
      BanditTrials.Outcome o = BanditTrials.run(e.getValue(), BernoulliBandit.tasks(arms,
          pulls), trials, seed);
      table.row(e.getKey(), String.format(Locale.ROOT, "%.2f ± %.2f", o.meanTotalReward(),
          o.standardError()), String.format(Locale.ROOT, "%.2f", o.meanPseudoRegret()),
          String.format(Locale.ROOT, "%.2f", o.meanArmsTried()));
    }
    table.print(io.out(), "");
    io.out().flush();
    return 0;
  }

  private static String label(String method, double constant) {
    return Double.isNaN(constant) ? method
        : method + " (" + Numbers.shortest(constant) + ")";
  }
}
