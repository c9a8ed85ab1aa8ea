package org.gridrl.benchmarks.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gridrl.benchmarks.report.GridHeatMap;
import org.gridrl.benchmarks.runner.AtomicFiles;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.planning.Solution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gridrl render --map FILE|NAME [solver options] [--out FILE.png]}: the ASCII policy in the
 * terminal and a PNG heat map of V with policy arrows.
 */
@Command(name = "render", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {"Solve a grid map by soft value iteration, print the policy as ASCII"
        + " (^ > v < for the most probable move, o for stay, # wall, G goal) and write a PNG heat"
        + " map of V with policy arrows."})
public final class RenderCommand implements Callable<Integer> {

  @Option(names = "--map", paramLabel = "FILE|NAME", required = true,
      description = "A grid map file, or a bundled map: fourrooms, open5, cliff, maze.")
  String map;

  @Mixin
  SolverOptions solver;

  @Mixin
  MapOptions.OfRender mapOptions;

  @Option(names = "--out", paramLabel = "FILE.png",
      description = "The PNG to write (replaced if it exists; a directory is refused). Default:"
          + " NAME.png in the current folder (NAME: the map's name).")
  Path out;

  private final Io io;

  /** The render command writing to {@code io}. */
  public RenderCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    SoftViConfig config = solver.config(); // option errors before reading the map
    if (out != null) {
      checkOut(out);
    }
    Problem problem = Problem.fromMap(map, mapOptions);
    Path png = out != null ? out : Path.of(problem.name() + ".png");
    checkOut(png);
    Solution sol = Solver.solve(problem, solver, config, io.err());
    String capped = Solver.capMessage(sol.report(), config);
    if (capped != null) {
      io.err().println("gridrl: warning: " + capped);
      io.err().flush();
    }
    String solverLine = solver.describeSolver(problem.mdp().gamma());
    String title = problem.name() + ": " + solverLine.replace("temperature", "τ =")
        + ", γ = " + Formats.number(problem.mdp().gamma())
        + (solver.horizon != null ? " (t = 0)" : "");
    try {
      GridHeatMap.write(problem.world(), sol.v(), sol.policy(), title, png);
    } catch (IOException ex) {
      throw outError(ex);
    }
    io.out().print(problem.world().renderAscii(sol.policy()));
    io.out().println(problem.describe());
    io.out().println(solverLine + ": " + sol.report().describe());
    io.out().println("wrote " + png);
    io.out().flush();
    return 0;
  }

  /** A directory (or a path under a file) as the PNG is refused before any work. */
  private void checkOut(Path png) {
    try {
      AtomicFiles.checkTarget(png);
    } catch (IOException ex) {
      throw outError(ex);
    }
  }

  /** "--out cannot write X: why", or without --out "cannot write NAME.png: why (give --out)". */
  private UsageException outError(IOException ex) {
    return out != null ? new UsageException("--out " + ex.getMessage(), ex)
        : new UsageException(ex.getMessage() + " (choose another file with --out FILE.png)", ex);
  }
}
