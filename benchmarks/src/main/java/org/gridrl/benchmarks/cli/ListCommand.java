package org.gridrl.benchmarks.cli;

import java.util.concurrent.Callable;
import org.gridrl.benchmarks.report.TextTable;
import org.gridrl.benchmarks.runner.Experiment;
import org.gridrl.benchmarks.runner.Registry;
import picocli.CommandLine.Command;

/**
 * {@code gridrl list}: every experiment with its run time, full and {@code --quick}, and its
 * description, in an aligned table, then a line saying where the times were measured.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "List the experiments: name, run time (full and --quick, measured on a 2-core"
        + " machine), description.")
public final class ListCommand implements Callable<Integer> {

  /** The line under the table. */
  static final String TIMES_NOTE = "Run times: wall clock of 'gridrl run NAME' measured on a"
      + " 2-core machine with nothing else running; a busier or slower machine takes longer.";

  private final Registry registry;
  private final Io io;

  /** The list command over {@code registry}, printing to {@code io.out()}. */
  public ListCommand(Registry registry, Io io) {
    this.registry = registry;
    this.io = io;
  }

  @Override
  public Integer call() {
    TextTable table = new TextTable("EXPERIMENT", "FULL", "--quick", "DESCRIPTION");
    for (Experiment<?> e : registry.experiments()) {
      table.row(e.name(), Durations.approx(e.expectedRunTime(false)),
          Durations.approx(e.expectedRunTime(true)), e.description());
    }
    table.print(io.out(), "");
    io.out().println();
    io.out().println(TIMES_NOTE);
    io.out().flush();
    return 0;
  }
}
