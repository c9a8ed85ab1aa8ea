package org.gridrl.benchmarks.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gridrl meta}: meta-RL tools. Its one subcommand so far is {@code gittins}
 * ({@link GittinsCommand}); later meta-RL commands join it here.
 */
@Command(name = "meta", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Meta-RL tools: gittins (the Gittins index of a Beta-Bernoulli arm, or a table"
        + " of them).")
public final class MetaCommand implements Runnable {

  @Spec
  CommandSpec spec;

  /** The command with its subcommands, writing to {@code io}. */
  public static CommandLine create(Io io) {
    CommandLine cmd = new CommandLine(new MetaCommand());
    cmd.addSubcommand("gittins", new GittinsCommand(io));
    return cmd;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand; subcommands: gittins");
  }
}
