package org.gridrl.benchmarks;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.gridrl.benchmarks.cli.ErrorHandling;
import org.gridrl.benchmarks.cli.ExerciseCommand;
import org.gridrl.benchmarks.cli.Io;
import org.gridrl.benchmarks.cli.IrlCommand;
import org.gridrl.benchmarks.cli.ListCommand;
import org.gridrl.benchmarks.cli.MetaCommand;
import org.gridrl.benchmarks.cli.MultitaskCommand;
import org.gridrl.benchmarks.cli.RenderCommand;
import org.gridrl.benchmarks.cli.RunCommand;
import org.gridrl.benchmarks.cli.SolveCommand;
import org.gridrl.benchmarks.cli.SpaceWrappingHelp;
import org.gridrl.benchmarks.cli.SweepCommand;
import org.gridrl.benchmarks.cli.VersionProvider;
import org.gridrl.benchmarks.experiments.Experiments;
import org.gridrl.benchmarks.runner.Registry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code gridrl} command: {@code list}, {@code run}, {@code solve}, {@code render} (picocli).
 * Exit codes: 0 success, 2 a bad option or file (one line on stderr naming it), 1 a failed run or
 * an unexpected error.
 */
@Command(name = "gridrl", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Gridworld reinforcement learning: exact tabular planning (soft value"
        + " iteration), inverse RL, multi-task RL and meta-RL experiments, and graded"
        + " exercises.", "",
        "Run 'gridrl COMMAND --help' for a command's options."},
    footer = {"", "Exit codes: 0 ok, 1 a run failed (partial results kept) or an exercise case"
        + " failed, 2 a bad option or file.",
        "Set GRIDRL_DEBUG=1 to see stack traces."})
public final class Main implements Runnable {

  @Spec
  CommandSpec spec;

  private Main() {
  }

  /** Runs the command line and exits the JVM with its exit code. */
  public static void main(String[] args) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    boolean terminal = System.console() != null;
    System.exit(execute(new Io(System.out, System.err, terminal), args));
  }

  /**
   * Runs {@code gridrl args} against the standard experiments, writing to {@code io}; returns
   * the exit code.
   */
  public static int execute(Io io, String... args) {
    return execute(Experiments.registry(), io, args);
  }

  /** Runs {@code gridrl args} against {@code registry}, writing to {@code io}; returns the exit code. */
  public static int execute(Registry registry, Io io, String... args) {
    try {
      return commandLine(registry, io).execute(args);
    } catch (Throwable t) { // an Error escaping picocli (out of memory): still one line
      return ErrorHandling.handle(t, io.err());
    }
  }

  /** The configured picocli command line (subcommands, output streams, error handlers). */
  public static CommandLine commandLine(Registry registry, Io io) {
    CommandLine cmd = new CommandLine(new Main());
    cmd.addSubcommand("list", new ListCommand(registry, io));
    cmd.addSubcommand("run", new RunCommand(registry, io));
    cmd.addSubcommand("describe", new org.gridrl.benchmarks.cli.DescribeCommand(registry, io));
    cmd.addSubcommand("sweep", new SweepCommand(registry, io));
    cmd.addSubcommand("solve", new SolveCommand(io));
    cmd.addSubcommand("render", new RenderCommand(io));
    cmd.addSubcommand("irl", new IrlCommand(io));
    cmd.addSubcommand("multitask", MultitaskCommand.create(io));
    cmd.addSubcommand("meta", MetaCommand.create(io));
    cmd.addSubcommand("exercise", ExerciseCommand.create(io));
    cmd.addSubcommand("bench", new org.gridrl.benchmarks.cli.BenchCommand());
    cmd.addSubcommand("help", new HelpCommand());
    cmd.setOut(new PrintWriter(new OutputStreamWriter(io.out(), StandardCharsets.UTF_8),
        true));
    cmd.setErr(new PrintWriter(new OutputStreamWriter(io.err(), StandardCharsets.UTF_8),
        true));
    cmd.setParameterExceptionHandler(ErrorHandling.parameterHandler(io.err()));
    cmd.setExecutionExceptionHandler(ErrorHandling.executionHandler(io.err()));
    cmd.setUsageHelpAutoWidth(true);
    // after the subcommands are added, so that it reaches them: lines break at spaces only
    cmd.setHelpFactory(SpaceWrappingHelp::new);
    return cmd;
  }

  /** {@code gridrl} alone: the usage. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
