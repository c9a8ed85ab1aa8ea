package org.gridrl.benchmarks.cli;

import java.util.concurrent.Callable;
import org.gridrl.benchmarks.runner.Experiment;
import org.gridrl.benchmarks.runner.Registry;
import picocli.CommandLine.Command;

/** {@code gridrl list}: every experiment with its expected run time and description. */
@Command(name = "list", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "List the experiments: name, expected run time (full and --quick), description.")
public final class ListCommand implements Callable<Integer> {

  private final Registry registry;
  private final Io io;

  /** The list command over {@code registry}, printing to {@code io.out()}. */
  public ListCommand(Registry registry, Io io) {
    this.registry = registry;
    this.io = io;
  }

  @Override
  public Integer call() {
    int width = Math.max(10, registry.names().stream().mapToInt(String::length).max().orElse(0));
    io.out().printf("%-" + width + "s  %-9s %-9s %s%n", "EXPERIMENT", "FULL", "--quick",
        "DESCRIPTION");
    for (Experiment<?> e : registry.experiments()) {
      io.out().printf("%-" + width + "s  %-9s %-9s %s%n", e.name(),
          Durations.approx(e.expectedRunTime(false)), Durations.approx(e.expectedRunTime(true)),
          e.description());
    }
    io.out().flush();
    return 0;
  }
}
