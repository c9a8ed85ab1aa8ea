package org.gridrl.benchmarks.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.gridrl.benchmarks.runner.ConfigFile;
import org.gridrl.benchmarks.runner.Experiment;
import org.gridrl.benchmarks.runner.ExperimentConfig;
import org.gridrl.benchmarks.runner.ExperimentRunner;
import org.gridrl.benchmarks.runner.OutputFolder;
import org.gridrl.benchmarks.runner.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gridrl run NAME [--quick] [--config FILE] [--set FIELD=VALUE]... [--seeds 1,2,3]
 * [--out DIR] [--resume | --overwrite]}. The config is built in this order, each step on the
 * last: the default (or {@code --quick}) config, {@code --config}'s fields, each {@code --set}
 * in the order given, then {@code --seeds}; {@link ConfigFile} reads both the file and the
 * {@code --set} options, so they are checked alike. The output folder is checked by
 * {@link OutputFolder} before anything is printed or written.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description = {"Run an experiment. It writes metrics.csv (one row per iteration and seed),"
        + " summary.json (config, seeds, versions, wall time, final metrics with mean ± std) and"
        + " PNG plots into the output folder as it goes, so a run that is stopped keeps what it"
        + " finished. See 'gridrl list' for the experiments and their expected run times.",
        "A folder that holds another run (a summary.json or metrics.csv), or other files, is"
        + " refused: --resume continues the run in it, --overwrite replaces it."})
public final class RunCommand implements Callable<Integer> {

  private final Registry registry;
  private final Io io;

  @Parameters(index = "0", paramLabel = "NAME", description = "The experiment (see 'gridrl list').")
  String name;

  @Option(names = "--quick",
      description = "Run the quick variant: the same code path on a shorter protocol (smaller"
          + " budgets, fewer seeds or demonstrations); 'gridrl list' shows its expected time.")
  boolean quick;

  @Option(names = "--config", paramLabel = "FILE",
      description = {"JSON file with config fields to change: any of the fields recorded under"
          + " \"config\" in summary.json (absent fields keep the default, or --quick, values;"
          + " nested settings merge field by field), or a whole summary.json of an earlier run"
          + " of this experiment, which repeats that run exactly. --seeds still overrides the"
          + " seeds."})
  Path configFile;

  @Option(names = "--set", paramLabel = "FIELD=VALUE",
      description = {"Change one config field (repeatable; applied after --config, in the order"
          + " given): nested fields with dots, the value as JSON or, for names and lists,"
          + " bare: --set gamma=0.9 --set planning.temperature=0.5 --set seeds=[1,2]"
          + " --set map=fourrooms --set methods=pcgrad,dnc. 'gridrl describe NAME' lists the"
          + " fields."})
  List<String> sets;

  @Option(names = "--seeds", split = ",", paramLabel = "SEED",
      description = "Comma-separated seeds, one independent run each (default: the experiment's"
          + " own seeds, recorded in summary.json).")
  List<Long> seeds;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output folder (default: results/NAME).")
  Path out;

  @Option(names = "--resume",
      description = {"Continue the interrupted run in the output folder: keep the seeds it"
          + " finished, run only the missing ones, and end with the metrics.csv an"
          + " uninterrupted run writes. The options must give the config it ran with (seeds"
          + " aside: the finished seeds must come first, more may follow); --config"
          + " DIR/summary.json repeats it."})
  boolean resume;

  @Option(names = "--overwrite",
      description = "Write into an output folder that holds another run (or other files):"
          + " this run's files replace those of the same names; nothing else is deleted.")
  boolean overwrite;

  /** The run command over {@code registry}. */
  public RunCommand(Registry registry, Io io) {
    this.registry = registry;
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    Experiment<?> experiment = registry.find(name).orElseThrow(() -> new UsageException(
        "unknown experiment '" + name + "'; known: " + String.join(", ", registry.names())));
    runTyped(experiment);
    return 0;
  }

  private <C extends ExperimentConfig<C>> void runTyped(Experiment<C> experiment)
      throws IOException {
    C config = quick ? experiment.quickConfig() : experiment.defaultConfig();
    if (configFile != null) {
      if (!Files.isRegularFile(configFile)) {
        throw new UsageException("--config: no such file: " + configFile);
      }
      try {
        config = ConfigFile.read(configFile, experiment.name(), config, io.err()::println);
      } catch (ConfigFile.Invalid ex) {
        throw new UsageException("--config " + ex.getMessage(), ex);
      }
    }
    for (String assignment : sets == null ? List.<String>of() : sets) {
      try {
        config = ConfigFile.set(assignment, experiment.name(), config, io.err()::println);
      } catch (ConfigFile.Invalid ex) { // the message starts with the option: --set FIELD=...
        throw new UsageException(ex.getMessage(), ex);
      }
    }
    if (seeds != null) {
      try {
        config = config.withSeeds(seeds);
      } catch (IllegalArgumentException ex) {
        throw new UsageException("--seeds: " + ex.getMessage(), ex);
      }
    }
    if (resume && overwrite) {
      throw new UsageException("--resume and --overwrite exclude each other: --resume continues"
          + " the run in the folder, --overwrite replaces it");
    }
    Path dir = out != null ? out : Path.of("results", experiment.name());
    // a file or folder the config reads, a bad --out, or a folder holding another run, fails
    // here, before anything is printed
    experiment.checkInputs(config);
    OutputFolder folder = OutputFolder.open(dir, resume ? OutputFolder.Existing.RESUME
        : overwrite ? OutputFolder.Existing.OVERWRITE : OutputFolder.Existing.REFUSE,
        experiment.name(), config);
    if (folder.nothingToResume()) {
      io.err().println("gridrl run: --resume: " + dir + " holds no run yet; starting one");
    }
    String keeping = folder.keptSeeds().isEmpty() ? ""
        : ", resuming (keeping finished seed" + (folder.keptSeeds().size() == 1 ? " " : "s ")
            + folder.keptSeeds().stream().map(String::valueOf).collect(Collectors.joining(", "))
            + ")";
    io.err().printf("gridrl run %s%s%s: seeds %s, expected %s, writing to %s%s%n",
        experiment.name(), quick ? " --quick" : "",
        (configFile != null ? " --config " + configFile : "") + (sets == null ? ""
            : sets.stream().map(a -> " --set " + a).collect(Collectors.joining())),
        config.seeds(),
        Durations.approx(experiment.expectedRunTime(quick)), dir, keeping);
    ExperimentRunner.run(experiment, config, quick, folder, io.out(), io.err(),
        io.interactive());
  }
}
