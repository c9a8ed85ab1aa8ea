package org.gridrl.benchmarks.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.gridrl.benchmarks.runner.AtomicFiles;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.util.Numbers;
import org.gridrl.multitask.DistralConfig;
import org.gridrl.multitask.DistralResult;
import org.gridrl.multitask.DistralTabular;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gridrl multitask distral --mdp A.mdp --mdp B.mdp [--mdp ...] --alpha α --beta β
 * [--tolerance ε] [--max-iterations N] [--out DIR]}: the tabular Distral fixed point
 * ({@link DistralTabular}) of a user's tasks.
 *
 * <p>Everything is read and checked before anything is written: each MDP file (text format;
 * errors name the option and file:line), that they share S and A with the first and are
 * discounted, and α, β through {@link DistralConfig} (a refused field is reported as its
 * option). A bad input is one line on stderr, exit code 2, and no file. Then it writes
 * {@code DIR/prior.csv} (π0) and {@code DIR/task<i>/policy.csv} (π_i, i in the order of
 * {@code --mdp}), each {@code state,action,probability} in shortest round-trip form.
 */
@Command(name = "distral", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class, sortOptions = false,
    description = {"Distral (Teh et al. 2017) on your tasks, exactly: alternate each task's"
        + " soft-optimal policy for a shared prior pi0, V_i(s) = (1/beta) log sum_a"
        + " pi0(a|s)^alpha exp(beta Q_i(s,a)), and the prior distilled from the tasks'"
        + " discounted state-action occupancies, until pi0 moves less than the tolerance.",
        "The tasks share states and actions; their dynamics, rewards, gamma, terminals and"
        + " initial distributions are their own. Writes prior.csv and task0/policy.csv,"
        + " task1/policy.csv, ... in --mdp order (state,action,probability)."})
public final class DistralCommand implements Callable<Integer> {

  @Option(names = "--mdp", paramLabel = "FILE", required = true,
      description = "A task's MDP in gridrl's text format (docs/cli.md); repeat once per task.")
  List<Path> mdpFiles;

  @Option(names = "--alpha", paramLabel = "ALPHA", required = true,
      description = "The prior's weight alpha in [0, 1]: 0 entropy only, 1 a pure KL to pi0.")
  double alpha;

  @Option(names = "--beta", paramLabel = "BETA", required = true,
      description = "The inverse temperature beta > 0; each task's soft VI runs at tau ="
          + " 1/beta.")
  double beta;

  @Option(names = "--tolerance", paramLabel = "EPS",
      description = "Stop when pi0 moves less than this, max |pi0_new - pi0| (default 1e-10).")
  Double tolerance;

  @Option(names = "--max-iterations", paramLabel = "N",
      description = "Cap on alternations (default 10000); stopping there is a warning.")
  Integer maxIterations;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
      description = "Folder for prior.csv and task<i>/policy.csv (created if missing; files of"
          + " those names are replaced). Default: the current folder.")
  Path out;

  private final Io io;

  /** The command writing to {@code io}. */
  public DistralCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    DistralConfig config = config(); // option errors before reading any file
    List<Path> targets = targets();
    List<TabularMdp> tasks = new ArrayList<>();
    for (Path file : mdpFiles) {
      tasks.add(InputFiles.mdp("--mdp", file));
    }
    checkTasks(tasks);
    DistralResult result = DistralTabular.train(tasks, config);
    writePolicy(targets.get(0), result.prior());
    for (int i = 0; i < tasks.size(); i++) {
      writePolicy(targets.get(i + 1), result.policies().get(i));
    }
    if (!result.converged()) {
      io.err().println("gridrl: warning: stopped at --max-iterations " + result.iterations()
          + " with pi0 still moving by " + Formats.number(result.priorChange()) + " >= "
          + Formats.number(config.tolerance()));
      io.err().flush();
    }
    TabularMdp first = tasks.get(0);
    io.out().println("distral on " + tasks.size() + " tasks: S = " + first.numStates()
        + ", A = " + first.numActions() + ", alpha = " + Numbers.shortest(config.alpha())
        + ", beta = " + Numbers.shortest(config.beta()));
    io.out().println((result.converged() ? "converged" : "stopped unconverged") + " after "
        + result.iterations() + " alternations, pi0 change " + Formats.number(
            result.priorChange()) + "; objective sum_i d0_i.V_i = "
        + Formats.number(result.objective()));
    io.out().println("wrote " + String.join(", ", targets.stream().map(Path::toString)
        .toList()));
    io.out().flush();
    return 0;
  }

  /** The config from the options; a refused field is reported as its option. */
  private DistralConfig config() {
    DistralConfig d = DistralConfig.defaults();
    try {
      return new DistralConfig(alpha, beta,
          tolerance == null ? d.tolerance() : tolerance,
          maxIterations == null ? d.maxIterations() : maxIterations, d.planningTolerance());
    } catch (IllegalArgumentException ex) {
      String m = ex.getMessage();
      throw new UsageException("--" + m.replaceFirst("^maxIterations", "max-iterations"), ex);
    }
  }

  /** prior.csv, then task<i>/policy.csv; a --out that cannot hold them fails at once. */
  private List<Path> targets() {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new UsageException("--out " + out + " is a file, not a folder");
    }
    List<Path> targets = new ArrayList<>();
    targets.add(out.resolve("prior.csv"));
    for (int i = 0; i < mdpFiles.size(); i++) {
      targets.add(out.resolve("task" + i).resolve("policy.csv"));
    }
    try {
      for (Path t : targets) {
        AtomicFiles.checkTarget(t);
      }
    } catch (IOException ex) {
      throw new UsageException("--out " + ex.getMessage(), ex);
    }
    return targets;
  }

  /** Same S and A as the first file, γ &lt; 1; the message names the files. */
  private void checkTasks(List<TabularMdp> tasks) {
    TabularMdp first = tasks.get(0);
    for (int i = 0; i < tasks.size(); i++) {
      TabularMdp t = tasks.get(i);
      if (t.numStates() != first.numStates() || t.numActions() != first.numActions()) {
        throw new UsageException("--mdp " + mdpFiles.get(i) + " has S = " + t.numStates()
            + " states and A = " + t.numActions() + " actions, --mdp " + mdpFiles.get(0)
            + " has S = " + first.numStates() + " and A = " + first.numActions()
            + "; Distral's tasks share states and actions");
      }
      if (!(t.gamma() < 1)) {
        throw new UsageException("--mdp " + mdpFiles.get(i) + " has gamma = "
            + Numbers.shortest(t.gamma()) + "; Distral needs gamma < 1");
      }
    }
  }

  private static void writePolicy(Path target, TabularPolicy pi) throws IOException {
    AtomicFiles.writeText(target, w -> {
      w.write("state,action,probability\n");
      for (int s = 0; s < pi.numStates(); s++) {
        for (int a = 0; a < pi.numActions(); a++) {
          w.write(s + "," + a + "," + Numbers.shortest(pi.probability(s, a)) + "\n");
        }
      }
    });
  }
}
