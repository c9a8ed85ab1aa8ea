package org.gridrl.benchmarks.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.gridrl.benchmarks.report.SolutionCsv;
import org.gridrl.benchmarks.runner.AtomicFiles;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.planning.Solution;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gridrl solve --mdp FILE | --map FILE|NAME [solver options] [--strict] [--out DIR]}: soft
 * value iteration, writing values.csv, q.csv and policy.csv in full precision. A discounted solve
 * that stops at its sweep cap is a warning on stderr, or with {@code --strict} exit code 1 and no
 * file (the input was fine, the solve was not).
 */
@Command(name = "solve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {"Solve an MDP file or a grid map exactly by soft value iteration and write"
        + " values.csv (state,value), q.csv (state,action,q) and policy.csv"
        + " (state,action,probability) in full double precision; print the sweeps and the final"
        + " residual. With --horizon H: the t = 0 values, Q and policy of the H-step problem"
        + " (per-step discount --discount, default the MDP's gamma).",
        "MDP file format (docs/cli.md): 'states S', 'actions A', 'gamma g' (g in [0, 1];"
        + " gamma 1, undiscounted, needs --horizon), 'init ...', 'reward s a r',"
        + " 'transition s a s2 p', 'terminal s'; '#' starts a comment."})
public final class SolveCommand implements Callable<Integer> {

  /** Exactly one of --mdp and --map. */
  static final class Source {
    @Option(names = "--mdp", paramLabel = "FILE", required = true,
        description = "An MDP in gridrl's text format (its own transitions, rewards and actions:"
            + " --slip, --actions, --step-reward and --goal-reward apply to --map only).")
    Path mdp;

    @Option(names = "--map", paramLabel = "FILE|NAME", required = true,
        description = "A grid map file, or a bundled map: fourrooms, open5, cliff, maze.")
    String map;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Mixin
  SolverOptions solver;

  @Mixin
  MapOptions.OfSolve mapOptions;

  @Option(names = "--strict",
      description = "Treat a discounted solve that stops at --max-iterations before reaching"
          + " --tolerance as a failure: one line on stderr, exit code 1, no file written."
          + " Without it, that is a warning and the last sweep's values are written.")
  boolean strict;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
      description = "Folder for values.csv, q.csv and policy.csv (created if missing; files"
          + " of those names are replaced, a directory of those names is refused). Default: the"
          + " current folder.")
  Path out;

  private final Io io;

  /** The solve command writing to {@code io}. */
  public SolveCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    SoftViConfig config = solver.config(); // option errors before reading any file
    checkOut();
    Problem problem = source.mdp != null ? Problem.fromMdpFile(source.mdp, mapOptions)
        : Problem.fromMap(source.map, mapOptions);
    Solution sol = Solver.solve(problem, solver, config, io.err());
    String capped = Solver.capMessage(sol.report(), config);
    if (capped != null && strict) {
      io.err().println("gridrl: " + capped + "; --strict: nothing written");
      io.err().flush();
      return ErrorHandling.FAILURE;
    }
    if (capped != null) {
      io.err().println("gridrl: warning: " + capped);
      io.err().flush();
    }
    String solverLine = solver.describeSolver(problem.mdp().gamma());
    List<Path> files;
    try {
      files = SolutionCsv.write(sol.v(), sol.q(), sol.policy(), out, "");
    } catch (IOException ex) {
      throw new UsageException("--out " + ex.getMessage(), ex);
    }
    io.out().println(problem.describe());
    io.out().println(solverLine + ": " + sol.report().describe());
    io.out().println("expected value at the start, Σ_s d0(s)·V(s) = "
        + Formats.number(sol.expectedValue(problem.mdp().initialDistribution())));
    io.out().println("wrote " + files.stream().map(Path::toString)
        .collect(Collectors.joining(", ")));
    io.out().flush();
    return 0;
  }

  /** A --out that is a file, or holds a directory named like an output file, fails at once. */
  private void checkOut() {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new UsageException("--out " + out + " is a file, not a folder");
    }
    try {
      for (String f : SolutionCsv.FILES) {
        AtomicFiles.checkTarget(out.resolve(f));
      }
    } catch (IOException ex) {
      throw new UsageException("--out " + ex.getMessage(), ex);
    }
  }
}
