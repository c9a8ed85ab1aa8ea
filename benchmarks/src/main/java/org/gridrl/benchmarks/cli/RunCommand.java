package org.gridrl.benchmarks.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.gridrl.benchmarks.runner.ConfigFile;
import org.gridrl.benchmarks.runner.Experiment;
import org.gridrl.benchmarks.runner.ExperimentConfig;
import org.gridrl.benchmarks.runner.ExperimentRunner;
import org.gridrl.benchmarks.runner.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gridrl run NAME [--quick] [--config FILE] [--seeds 1,2,3] [--out DIR]}. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description = {"Run an experiment. It writes metrics.csv (one row per iteration and seed),"
        + " summary.json (config, seeds, versions, wall time, final metrics with mean ± std) and"
        + " PNG plots into the output folder as it goes, so a run that is stopped keeps what it"
        + " finished. See 'gridrl list' for the experiments."})
public final class RunCommand implements Callable<Integer> {

  private final Registry registry;
  private final Io io;

  @Parameters(index = "0", paramLabel = "NAME", description = "The experiment (see 'gridrl list').")
  String name;

  @Option(names = "--quick",
      description = "Run the quick variant (same code path, small budget: about a minute).")
  boolean quick;

  @Option(names = "--config", paramLabel = "FILE",
      description = {"JSON file with config fields to change: any of the fields recorded under"
          + " \"config\" in summary.json (absent fields keep the default, or --quick, values;"
          + " nested settings merge field by field), or a whole summary.json of an earlier run"
          + " of this experiment, which repeats that run exactly. --seeds still overrides the"
          + " seeds."})
  Path configFile;

  @Option(names = "--seeds", split = ",", paramLabel = "SEED",
      description = "Comma-separated seeds, one independent run each (default: the experiment's"
          + " own seeds, recorded in summary.json).")
  List<Long> seeds;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output folder (default: results/NAME).")
  Path out;

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
        config = ConfigFile.read(configFile, experiment.name(), config);
      } catch (ConfigFile.Invalid ex) {
        throw new UsageException("--config " + ex.getMessage(), ex);
      }
    }
    if (seeds != null) {
      try {
        config = config.withSeeds(seeds);
      } catch (IllegalArgumentException ex) {
        throw new UsageException("--seeds: " + ex.getMessage(), ex);
      }
    }
    Path dir = out != null ? out : Path.of("results", experiment.name());
    Files.createDirectories(dir); // a bad --out fails here, before anything is printed
    io.err().printf("gridrl run %s%s%s: seeds %s, expected %s, writing to %s%n",
        experiment.name(), quick ? " --quick" : "",
        configFile != null ? " --config " + configFile : "", config.seeds(),
        Durations.approx(experiment.expectedRunTime(quick)), dir);
    ExperimentRunner.run(experiment, config, quick, dir, io.out(), io.err(), io.interactive());
  }
}
