package org.gridrl.benchmarks.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gridrl multitask}: multi-task RL on a user's own tasks. Its one subcommand so far is
 * {@code distral} ({@link DistralCommand}).
 */
@Command(name = "multitask", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Multi-task RL on your own tasks: distral (Teh et al. 2017, the tabular fixed"
        + " point of a shared prior and per-task policies).")
public final class MultitaskCommand implements Runnable {

  @Spec
  CommandSpec spec;

  /** The command with its subcommands, writing to {@code io}. */
  public static CommandLine create(Io io) {
    CommandLine cmd = new CommandLine(new MultitaskCommand());
    cmd.addSubcommand("distral", new DistralCommand(io));
    return cmd;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand; subcommands: distral");
  }
}
