package org.gridrl.benchmarks.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gridrl meta}: meta-RL tools: {@code gittins} ({@link GittinsCommand}) and
 * {@code bandits} ({@link BanditsCommand}); later meta-RL commands join them here.
 */
@Command(name = "meta", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Meta-RL tools: gittins (the Gittins index of a Beta-Bernoulli arm, or a table"
        + " of them) and bandits (the bandit baselines and a saved RL2 network on the same"
        + " trials: total reward, regret, arms tried).")
public final class MetaCommand implements Runnable {

  @Spec
  CommandSpec spec;

  /** The command with its subcommands, writing to {@code io}. */
  public static CommandLine create(Io io) {
    CommandLine cmd = new CommandLine(new MetaCommand());
    cmd.addSubcommand("gittins", new GittinsCommand(io));
    cmd.addSubcommand("bandits", new BanditsCommand(io));
    return cmd;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand; subcommands: gittins, bandits");
  }
}
