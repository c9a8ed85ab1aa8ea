package org.gridrl.benchmarks.experiments.meta;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import org.gridrl.benchmarks.experiments.meta.TrialMethods.Pooled;
import org.gridrl.benchmarks.report.TextTable;
import org.gridrl.benchmarks.runner.AtomicFiles;
import org.gridrl.benchmarks.runner.Experiment;
import org.gridrl.benchmarks.runner.ExperimentConfig;
import org.gridrl.benchmarks.runner.Plots;
import org.gridrl.benchmarks.runner.Progress;
import org.gridrl.benchmarks.runner.RunContext;
import org.gridrl.benchmarks.runner.SeedPool;
import org.gridrl.core.nn.ParameterFormatException;
import org.gridrl.core.nn.ParameterIo;
import org.gridrl.core.util.Argmax;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;
import org.gridrl.core.util.TrainingListener;
import org.gridrl.meta.rl2.Rl2;
import org.gridrl.meta.rl2.Rl2Config;
import org.gridrl.meta.rl2.Rl2Network;
import org.gridrl.meta.rl2.Rl2Policy;
import org.gridrl.meta.rl2.Rl2Result;
import org.gridrl.meta.rl2.Rl2Tasks;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;

/**
 * An experiment that reproduces one of RL²'s published tables (Duan et al. 2016, Table 1
 * {@link Rl2Bandits}, Table 2 {@link Rl2Mdps}): the baselines' constants tuned per cell on a
 * separate seed; RL² trained per cell ({@link Rl2#train}, one network per cell as the paper
 * trained one per setting, cells in parallel), its parameters saved under {@code rl2/} as it
 * goes; then per seed a block of trials per (cell, method) on one {@link SeedPool}, the trained
 * network running through the same trial loop as the baselines
 * ({@code meta.rl2.Rl2TrialPolicies}: same tasks, same reward streams), pooled into mean ± SE
 * beside the published number and z = (ours − published)/SE, printed as tables, written to
 * {@code table.csv}, summary.json's {@code tuned}, {@code rl2} (training cost per cell) and
 * {@code results}, one z chart per row of the grid and RL²'s learning curves. A subclass gives
 * what differs: its grid of cells, its trial runners and oracle, RL²'s tasks and budget per cell,
 * its published numbers and the formats of its columns.
 *
 * <p>Resume: a resumed run ({@link RunContext#resumed}) reuses a cell's network from
 * {@code rl2/CELL.json} when its training record {@code rl2/CELL.training.json} (written last,
 * atomically) is there, so an interrupted run loses at most the cells in training. A run whose
 * config names an earlier run's {@code rl2/} folder ({@code rl2Networks}) trains nothing: it
 * copies that folder's networks and records into its own {@code rl2/} and evaluates them, so a
 * change to the baselines reruns the table in minutes instead of RL²'s hours of training.
 *
 * @param <C> the experiment's config
 * @param <K> one cell of its grid
 */
abstract class PublishedTable<C extends ExperimentConfig<C>, K extends PublishedTable.GridCell>
    implements Experiment<C> {

  /** One cell of the grid; its index orders the seeds' streams. */
  interface GridCell {
    int index();

    /** The cell's key in metrics, summary.json and the pooled results ("n10_k5"). */
    String key();

    /** The cell's row label in the printed tables ("n=10,k=5"). */
    String label();
  }

  /**
   * What the shared run reads from the config.
   *
   * @param cells the grid, in index order
   * @param methods the configured columns, RL² included
   * @param grid the candidates of a method's constant (empty or one for an untuned method)
   * @param trialsPerSeed trials per cell, method and seed
   * @param tuningTrials trials per cell and grid point when tuning
   * @param tuningSeed the tuning seed, disjoint from the reported seeds
   * @param threads (cell, method) tasks run on this many threads
   * @param seeds the trial blocks
   * @param rl2 RL²'s settings for every cell (their iterations and seed are replaced per cell)
   * @param rl2Iterations RL²'s training iterations in a cell
   * @param rl2Networks the {@code rl2/} folder of an earlier run whose saved networks RL² is
   *     evaluated with instead of training ("" to train)
   */
  record Plan<K>(List<K> cells, List<String> methods, Function<String, List<Double>> grid,
      int trialsPerSeed, int tuningTrials, long tuningSeed, int threads, List<Long> seeds,
      Rl2Config rl2, ToIntFunction<K> rl2Iterations, String rl2Networks) {
  }

  /**
   * A tuned constant: the grid, the tuning means, the chosen index (the best mean, first on ties).
   */
  record Tuning(List<Double> grid, double[] means, int best) {
    double value() {
      return grid.get(best);
    }
  }

  /** The config as the shared run reads it. */
  abstract Plan<K> plan(C config);

  /**
   * The trials' totals of one method (with its constant) in one cell from one seed, with the
   * config's other settings of the method.
   */
  abstract double[] trialTotals(C config, String method, double constant, K cell, int trials,
      long seed);

  /** The oracle's totals on the same tasks as {@link #trialTotals} with this seed. */
  abstract double[] oracleTotals(K cell, int trials, long seed);

  /** The published mean of a method in a cell, if the paper gives one. */
  abstract OptionalDouble published(K cell, String method);

  /** Whether the method has a constant to tune, for the tuned-constants table. */
  abstract boolean tuned(String method);

  /** The symbol of a tuned method's constant ("c", "ε", ...). */
  abstract String constantSymbol(String method);

  /** A mean or SE as the paper prints it in this cell. */
  abstract String format(double x, K cell);

  /** The per-seed metric of a method: {@code method + "/" + metric()}. */
  abstract String metric();

  /** The source printed above the first table ("Duan et al. 2016 Table 1"). */
  abstract String source();

  /** The cell's leading columns of {@code table.csv} ("pulls,arms"). */
  abstract String csvCellHeader();

  /** The cell's leading values of {@code table.csv}, as {@link #csvCellHeader} names them. */
  abstract String csvCell(K cell);

  /** summary.json's entry for the oracle of a cell. */
  abstract Map<String, Object> oracleNote(K cell, Pooled oracle);

  /** The z charts by file name. */
  abstract Map<String, XYChart> zCharts(C config, Map<String, Map<String, Pooled>> pooled);

  /** RL²'s training curves ({@link #rl2Chart}) by file name. */
  abstract Map<String, XYChart> rl2Charts(C config, Map<String, TrainedRl2> rl2);

  /** The trials RL² trains on in a cell. */
  abstract Rl2Tasks<Integer> rl2Tasks(K cell);

  /**
   * RL²'s settings in a cell: the plan's, with the cell's iterations and the seed
   * {@code new Rng(rl2.seed()).fork(c).nextLong()} of cell c.
   */
  static <K extends GridCell> Rl2Config rl2Config(Plan<K> plan, K cell) {
    return plan.rl2().withIterations(plan.rl2Iterations().applyAsInt(cell))
        .withSeed(cellSeed(plan.rl2().seed(), cell));
  }

  /** The trained network's totals on the same trials as {@link #trialTotals} with this seed. */
  abstract double[] rl2Totals(Rl2Network network, K cell, int trials, long seed);

  /**
   * RL² trained for one cell.
   *
   * @param network the trained network
   * @param iterations training iterations
   * @param steps environment steps of training
   * @param seconds wall time of training (of the run that trained it, when reused)
   * @param curve the mean trial return of each iteration's training trials
   * @param takenFrom where the network was trained: "" in this run, else the folder it was
   *     taken from (this run's own, by the interrupted run it resumes, or {@code rl2Networks})
   */
  record TrainedRl2(Rl2Network network, int iterations, long steps, double seconds,
      double[] curve, String takenFrom) {

    /** Whether the network was trained by another run. */
    boolean reused() {
      return !takenFrom.isEmpty();
    }
  }

  /** What {@code rl2/CELL.training.json} holds. */
  record TrainingRecord(String cell, int iterations, long steps, double seconds,
      double[] curve) {
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The classical baselines among the configured methods (every one but RL²). */
  static List<String> baselines(List<String> methods) {
    return methods.stream().filter(m -> !m.equals(TrialMethods.RL2)).toList();
  }

  static long cellSeed(long seed, GridCell cell) {
    return new Rng(seed).fork(cell.index()).nextLong();
  }

  /** The best grid point: the largest mean, the first on ties. */
  static int argmax(double[] means) {
    return Argmax.first(means);
  }

  /** z clipped to [−10, 10] for the charts, so one far cell does not flatten the rest. */
  static double clip(double z) {
    return Math.max(-10, Math.min(10, z));
  }

  static String finalKey(GridCell c, String method, String field) {
    return c.key() + "/" + method + "/" + field;
  }

  static double constant(Map<String, Map<String, Tuning>> tuned, GridCell c, String method) {
    Tuning t = tuned.getOrDefault(c.key(), Map.of()).get(method);
    return t == null ? Double.NaN : t.value();
  }

  /** Tunes every tuned method in every cell, in parallel; the result does not depend on threads. */
  final Map<String, Map<String, Tuning>> tuneAll(C config) throws Exception {
    Plan<K> plan = plan(config);
    List<String> baselines = baselines(plan.methods());
    Map<String, Map<String, List<Future<double[]>>>> futures = new LinkedHashMap<>();
    Map<String, Map<String, Tuning>> out = new LinkedHashMap<>();
    try (SeedPool pool = new SeedPool(plan.threads(), Integer.MAX_VALUE)) {
      for (K c : plan.cells()) {
        for (String m : baselines) {
          if (plan.grid().apply(m).size() < 2) {
            continue; // nothing to choose: no tuning trials
          }
          for (double g : plan.grid().apply(m)) {
            long seed = cellSeed(plan.tuningSeed(), c);
            futures.computeIfAbsent(c.key(), x -> new LinkedHashMap<>())
                .computeIfAbsent(m, x -> new ArrayList<>())
                .add(pool.submit(() -> trialTotals(config, m, g, c, plan.tuningTrials(), seed)));
          }
        }
      }
      for (K c : plan.cells()) {
        Map<String, Tuning> perCell = new LinkedHashMap<>();
        for (Map.Entry<String, List<Future<double[]>>> e
            : futures.getOrDefault(c.key(), Map.of()).entrySet()) {
          double[] means = new double[e.getValue().size()];
          for (int i = 0; i < means.length; i++) {
            means[i] = Pooled.of(SeedPool.result(e.getValue().get(i))).mean();
          }
          perCell.put(e.getKey(), new Tuning(plan.grid().apply(e.getKey()), means,
              argmax(means)));
        }
        for (String m : baselines) {
          if (plan.grid().apply(m).size() == 1) {
            perCell.put(m, new Tuning(plan.grid().apply(m), new double[] {Double.NaN}, 0));
          }
        }
        out.put(c.key(), perCell);
      }
    }
    return out;
  }

  /**
   * Tunes, then per seed runs (or takes the kept final metrics of) a block of trials per cell and
   * method and pools the blocks; prints the three tables and writes table.csv, the notes and the
   * z charts.
   */
  @Override
  public final void run(C config, RunContext ctx) throws Exception {
    Plan<K> plan = plan(config);
    List<String> methods = new ArrayList<>(plan.methods());
    methods.add("oracle");
    ctx.metrics().declare(methods.stream().map(m -> m + "/" + metric())
        .toArray(String[]::new));
    Map<String, Map<String, Tuning>> tuned = tuneAll(config);
    ctx.note("tuned", tunedNote(tuned));
    Map<String, TrainedRl2> rl2 = trainRl2(ctx, plan);
    if (!rl2.isEmpty()) {
      ctx.note("rl2", rl2Note(plan, rl2));
    }
    Map<String, Map<String, Pooled>> pooled = new LinkedHashMap<>();
    try (SeedPool pool = new SeedPool(plan.threads(), Integer.MAX_VALUE);
        var progress = ctx.progress("trial blocks", plan.seeds().size())) {
      for (long seed : plan.seeds()) {
        Map<String, Double> fin = new LinkedHashMap<>();
        Optional<RunContext.KeptSeed> kept = ctx.kept(seed);
        if (kept.isPresent()) {
          fin = kept.get().finalMetrics();
        } else {
          Map<String, Future<double[]>> jobs = new LinkedHashMap<>();
          for (K c : plan.cells()) {
            long s = cellSeed(seed, c);
            for (String m : methods) {
              double k = constant(tuned, c, m);
              jobs.put(c.key() + "/" + m, pool.submit(() -> m.equals("oracle")
                  ? oracleTotals(c, plan.trialsPerSeed(), s)
                  : m.equals(TrialMethods.RL2)
                  ? rl2Totals(rl2.get(c.key()).network(), c, plan.trialsPerSeed(), s)
                  : trialTotals(config, m, k, c, plan.trialsPerSeed(), s)));
            }
          }
          for (K c : plan.cells()) {
            Map<String, Double> row = new LinkedHashMap<>();
            for (String m : methods) {
              Pooled p = Pooled.of(SeedPool.result(jobs.get(c.key() + "/" + m)));
              row.put(m + "/" + metric(), p.mean());
              fin.put(finalKey(c, m, "sum"), p.sum());
              fin.put(finalKey(c, m, "sum_squares"), p.sumSquares());
            }
            ctx.row(seed, c.index(), row);
          }
          ctx.seedComplete(seed, fin);
        }
        for (K c : plan.cells()) {
          for (String m : methods) {
            Pooled p = new Pooled(plan.trialsPerSeed(), fin.get(finalKey(c, m, "sum")),
                fin.get(finalKey(c, m, "sum_squares")));
            pooled.computeIfAbsent(c.key(), x -> new LinkedHashMap<>())
                .merge(m, p, Pooled::plus);
          }
        }
        progress.step();
      }
    }
    ctx.out().println();
    ctx.out().println("Mean total reward, " + plan.trialsPerSeed() * plan.seeds().size()
        + " trials per cell: ours±SE (published, " + source() + ")");
    paper(config, pooled).print(ctx.out(), "");
    ctx.out().println();
    ctx.out().println("(ours - published) / SE; * marks |z| > 2");
    zTable(plan, pooled).print(ctx.out(), "");
    Map<String, Fit> fit = fit(plan, pooled);
    ctx.out().println();
    ctx.out().println("Fit per column: cells within 2 SE (an exact replication expects 84%, the"
        + " published means having about our SE), and the sum of z_difference^2 = (z/sqrt 2)^2"
        + " (expected: the number of cells)");
    fitTable(fit).print(ctx.out(), "");
    ctx.note("fit", fitNote(fit));
    ctx.out().println();
    ctx.out().println("Tuned constants (tuning seed " + plan.tuningSeed() + ", "
        + plan.tuningTrials() + " trials per grid point)");
    tunedTable(plan, tuned).print(ctx.out(), "");
    if (!rl2.isEmpty()) {
      ctx.out().println();
      ctx.out().println("RL², one network trained per cell (training times above and in"
          + " summary.json's rl2): ours against the published RL² (the issue asks within 5% for"
          + " n <= 100)");
      rl2Table(plan, pooled, rl2).print(ctx.out(), "");
    }
    Files.writeString(ctx.file("table.csv"), csv(plan, pooled, tuned));
    ctx.note("results", resultsNote(plan, pooled));
    List<String> files = new ArrayList<>(List.of("metrics.csv", "summary.json", "table.csv"));
    for (Map.Entry<String, XYChart> chart : zCharts(config, pooled).entrySet()) {
      Plots.save(chart.getValue(), ctx.file(chart.getKey()));
      files.add(chart.getKey());
    }
    if (!rl2.isEmpty()) {
      for (Map.Entry<String, XYChart> chart : rl2Charts(config, rl2).entrySet()) {
        Plots.save(chart.getValue(), ctx.file(chart.getKey()));
        files.add(chart.getKey());
      }
      for (K c : plan.cells()) {
        files.add("rl2/" + c.key() + ".json");
      }
    }
    ctx.note("files", files);
  }

  /**
   * Trains RL² for every cell (in parallel on the plan's threads; each cell's training depends
   * only on its config and seed, so not on the thread count) or, in a resumed run, takes a cell
   * already trained from the folder. Each network is saved ({@link ParameterIo}) to
   * {@code rl2/CELL.json}, then its record to {@code rl2/CELL.training.json}, as soon as it is
   * trained. Empty when RL² is not among the methods.
   */
  final Map<String, TrainedRl2> trainRl2(RunContext ctx, Plan<K> plan)
      throws Exception {
    Map<String, TrainedRl2> out = new LinkedHashMap<>();
    if (!plan.methods().contains(TrialMethods.RL2)) {
      return out;
    }
    Path dir = ctx.file("rl2");
    Files.createDirectories(dir);
    Optional<Path> from = networksFolder(plan.rl2Networks());
    if (from.isPresent()) {
      for (K c : plan.cells()) {
        for (String file : List.of(c.key() + ".json", c.key() + ".training.json")) {
          Files.copy(from.get().resolve(file), dir.resolve(file),
              StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    Map<String, Future<TrainedRl2>> jobs = new LinkedHashMap<>();
    long total = 0;
    for (K c : plan.cells()) {
      if (from.isEmpty() && !reusable(ctx, dir, c)) {
        total += rl2Config(plan, c).iterations();
      }
    }
    try (SeedPool pool = new SeedPool(plan.threads(), Integer.MAX_VALUE);
        Progress progress = total > 0 ? ctx.progress("RL² training iterations", total)
            : Progress.none()) {
      // the costliest cells first, so the last cell to finish is a short one; the order changes
      // nothing else, each cell being its own computation
      List<K> byCost = new ArrayList<>(plan.cells());
      byCost.sort(Comparator.comparingDouble((K c) -> -trainingCost(rl2Config(plan, c),
          rl2Tasks(c))));
      for (K c : byCost) {
        Rl2Config rc = rl2Config(plan, c);
        if (from.isPresent()) {
          jobs.put(c.key(), CompletableFuture.completedFuture(reuse(dir, c, rc,
              from.get().toString())));
        } else if (reusable(ctx, dir, c)) {
          jobs.put(c.key(), CompletableFuture.completedFuture(reuse(dir, c, rc,
              "the interrupted run")));
        } else {
          jobs.put(c.key(), pool.submit(() -> train(dir, c, rc, progress)));
        }
      }
      for (K c : plan.cells()) {
        TrainedRl2 t = SeedPool.result(jobs.get(c.key()));
        out.put(c.key(), t);
        ctx.out().printf(Locale.ROOT, "RL² %s: %d iterations, %d environment steps, trained in"
            + " %.1f s%s; mean return of the last iteration's training trials %s%n", c.label(),
            t.iterations(), t.steps(), t.seconds(), t.reused() ? " by " + t.takenFrom() : "",
            format(t.curve()[t.curve().length - 1], c));
      }
    }
    return out;
  }

  /**
   * Training's multiply-adds, up to a constant: environment steps × the network's products per
   * step, 3H·(input + H) for the GRU and H·(A + 1) for the heads (a k = 50 bandit step costs
   * about 2.4 times a k = 5 one at H = 32).
   */
  static double trainingCost(Rl2Config rc, Rl2Tasks<?> tasks) {
    double steps = (double) rc.iterations() * rc.trialsPerIteration() * tasks.trialLength();
    int h = rc.hidden();
    return steps * (3.0 * h * (tasks.inputDim() + h) + h * (tasks.numActions() + 1.0));
  }

  private static boolean reusable(RunContext ctx, Path dir, GridCell c) {
    return ctx.resumed() && Files.isRegularFile(dir.resolve(c.key() + ".training.json"))
        && Files.isRegularFile(dir.resolve(c.key() + ".json"));
  }

  /**
   * The folder of saved networks a config names: the {@code rl2/} folder itself, or the run
   * folder holding it; empty for "" (train).
   */
  static Optional<Path> networksFolder(String rl2Networks) {
    if (rl2Networks.isEmpty()) {
      return Optional.empty();
    }
    Path p = Path.of(rl2Networks);
    return Optional.of(Files.isDirectory(p.resolve("rl2")) ? p.resolve("rl2") : p);
  }

  /**
   * Checks a config's {@code rl2Networks} at the boundary: "" (train), or a folder holding every
   * cell's network and training record; the message names the field and the missing file.
   *
   * @param rl2Networks the config's value
   * @param methods the config's methods (RL² must be among them)
   * @param cellKeys the keys of the config's cells
   * @return the value
   */
  static String checkNetworks(String rl2Networks, List<String> methods, List<String> cellKeys) {
    Check.notNull("rl2Networks", rl2Networks);
    Optional<Path> dir = networksFolder(rl2Networks);
    if (dir.isEmpty()) {
      return rl2Networks;
    }
    Check.argument(methods.contains(TrialMethods.RL2),
        "rl2Networks is set (%s) but \"rl2\" is not among the methods", rl2Networks);
    Check.argument(Files.isDirectory(dir.get()), "rl2Networks: %s is not a folder",
        rl2Networks);
    for (String key : cellKeys) {
      for (String file : List.of(key + ".json", key + ".training.json")) {
        Check.argument(Files.isRegularFile(dir.get().resolve(file)),
            "rl2Networks: %s has no %s (the saved RL² of cell %s)", dir.get(), file, key);
      }
    }
    return rl2Networks;
  }

  /**
   * Loads every network {@code rl2Networks} names with the shape this config's RL² has, so a
   * folder of networks of another shape (another {@code rl2.hidden}, or cells of other k) is
   * refused before the run starts, naming the file.
   */
  @Override
  public final void checkInputs(C config) {
    Plan<K> plan = plan(config);
    Optional<Path> from = networksFolder(plan.rl2Networks());
    if (from.isEmpty() || !plan.methods().contains(TrialMethods.RL2)) {
      return;
    }
    for (K c : plan.cells()) {
      loadNetwork(from.get().resolve(c.key() + ".json"), c, rl2Config(plan, c), "rl2Networks");
    }
  }

  private Rl2Network loadNetwork(Path file, K c, Rl2Config rc, String from) {
    try {
      return Rl2Policy.load(rl2Tasks(c), rc.hidden(), file).network();
    } catch (ParameterFormatException e) {
      throw new IllegalArgumentException(from + ": " + file + " is not an RL² network of cell "
          + c.key() + " with rl2.hidden = " + rc.hidden() + " (" + e.getMessage() + ")", e);
    }
  }

  private TrainedRl2 reuse(Path dir, K c, Rl2Config rc, String takenFrom) throws Exception {
    TrainingRecord r = JSON.readValue(dir.resolve(c.key() + ".training.json").toFile(),
        TrainingRecord.class);
    Rl2Network network = loadNetwork(dir.resolve(c.key() + ".json"), c, rc, takenFrom);
    return new TrainedRl2(network, r.iterations(), r.steps(), r.seconds(), r.curve(),
        takenFrom);
  }

  private TrainedRl2 train(Path dir, K c, Rl2Config rc, Progress progress) throws Exception {
    TrainingListener listener = new TrainingListener() {
      @Override
      public void onScalar(long iteration, String name, double value) {
        // the curve is read from the result's history
      }

      @Override
      public void onIterationEnd(long iteration, double elapsedSeconds) {
        synchronized (progress) {
          progress.step();
        }
      }
    };
    long start = System.nanoTime();
    Rl2Result result = Rl2.train(rl2Tasks(c), rc, listener);
    double seconds = (System.nanoTime() - start) * 1e-9;
    double[] curve = result.history().series(Rl2.TRIAL_RETURN);
    AtomicFiles.writeText(dir.resolve(c.key() + ".json"),
        w -> ParameterIo.write(result.policy().network(), w));
    TrainingRecord record = new TrainingRecord(c.key(), result.iterations(),
        result.environmentSteps(), seconds, curve);
    AtomicFiles.writeText(dir.resolve(c.key() + ".training.json"),
        w -> w.write(JSON.writeValueAsString(record)));
    return new TrainedRl2(result.policy().network(), result.iterations(),
        result.environmentSteps(), seconds, curve, "");
  }

  private Map<String, Object> rl2Note(Plan<K> plan, Map<String, TrainedRl2> rl2) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (K c : plan.cells()) {
      TrainedRl2 t = rl2.get(c.key());
      Rl2Config rc = rl2Config(plan, c);
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("seed", rc.seed());
      v.put("iterations", t.iterations());
      v.put("trials_per_iteration", rc.trialsPerIteration());
      v.put("environment_steps", t.steps());
      v.put("training_seconds", t.seconds());
      v.put("reused", t.reused());
      if (t.reused()) {
        v.put("taken_from", t.takenFrom());
      }
      v.put("last_training_return", t.curve()[t.curve().length - 1]);
      v.put("parameters", "rl2/" + c.key() + ".json");
      out.put(c.key(), v);
    }
    return out;
  }

  /** Per cell: RL²'s training budget, our mean ± SE, the published RL² and the relative gap. */
  private TextTable rl2Table(Plan<K> plan, Map<String, Map<String, Pooled>> pooled,
      Map<String, TrainedRl2> rl2) {
    TextTable t = new TextTable("setup", "iterations", "env steps", "rl2", "published",
        "gap");
    for (K c : plan.cells()) {
      TrainedRl2 tr = rl2.get(c.key());
      Pooled p = pooled.get(c.key()).get(TrialMethods.RL2);
      OptionalDouble pub = published(c, TrialMethods.RL2);
      t.row(c.label(), Integer.toString(tr.iterations()), Long.toString(tr.steps()),
          format(p.mean(), c) + "±" + format(p.standardError(), c),
          pub.isPresent() ? Double.toString(pub.getAsDouble()) : "",
          pub.isPresent() ? String.format(Locale.ROOT, "%+.1f%%",
              100 * (p.mean() / pub.getAsDouble() - 1)) : "");
    }
    return t;
  }

  /**
   * RL²'s training curves: the mean trial return of each iteration's training trials divided by
   * the published RL² of its cell, one curve per cell, with the 0.95 line (a cell the
   * paper has no number for is drawn unscaled, and says so in the legend).
   */
  final XYChart rl2Chart(List<K> cells, Map<String, TrainedRl2> rl2, String title) {
    List<Plots.Curve> curves = new ArrayList<>();
    int longest = 1;
    for (K c : cells) {
      OptionalDouble pub = published(c, TrialMethods.RL2);
      double[] curve = rl2.get(c.key()).curve();
      longest = Math.max(longest, curve.length);
      double scale = pub.isPresent() ? pub.getAsDouble() : 1.0;
      double[] x = new double[curve.length];
      double[] y = new double[curve.length];
      for (int i = 0; i < curve.length; i++) {
        x[i] = i + 1;
        y[i] = curve[i] / scale;
      }
      curves.add(Plots.Curve.single(c.label() + (pub.isPresent() ? "" : " (unscaled)"), x, y));
    }
    curves.add(Plots.Curve.single("0.95 of published", new double[] {1, longest},
        new double[] {0.95, 0.95}));
    return Plots.learningCurveChart(title, "iteration", "training return / published RL²",
        curves, Plots.Band.NONE, false, false);
  }

  private static Map<String, Object> tunedNote(Map<String, Map<String, Tuning>> tuned) {
    Map<String, Object> out = new LinkedHashMap<>();
    tuned.forEach((cell, perMethod) -> {
      Map<String, Object> m = new LinkedHashMap<>();
      perMethod.forEach((method, t) -> m.put(method, Map.of("chosen", t.value(), "grid",
          t.grid(), "tuning_means", t.means())));
      out.put(cell, m);
    });
    return out;
  }

  private Map<String, Object> resultsNote(Plan<K> plan, Map<String, Map<String, Pooled>> pooled) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (K c : plan.cells()) {
      Map<String, Object> perMethod = new LinkedHashMap<>();
      for (String m : plan.methods()) {
        Map<String, Object> v = new LinkedHashMap<>();
        Pooled p = pooled.get(c.key()).get(m);
        OptionalDouble pub = published(c, m);
        v.put("mean", p.mean());
        v.put("standard_error", p.standardError());
        v.put("trials", (long) p.count());
        if (pub.isPresent()) {
          v.put("published", pub.getAsDouble());
          double z = TrialMethods.zScore(p, pub.getAsDouble());
          v.put("z", z);
          v.put("within_2se", Math.abs(z) <= 2);
          // the published mean has its own error, about ours (1000 trials each): the
          // difference of two such means has standard error √2·SE
          v.put("z_difference", z / Math.sqrt(2));
          if (m.equals(TrialMethods.RL2)) {
            // the criterion for the learner: within 5% of its published value
            double gap = p.mean() / pub.getAsDouble() - 1;
            v.put("relative_gap", gap);
            v.put("within_5_percent", Math.abs(gap) <= 0.05);
          }
        }
        perMethod.put(m, v);
      }
      perMethod.put("oracle", oracleNote(c, pooled.get(c.key()).get("oracle")));
      out.put(c.key(), perMethod);
    }
    return out;
  }

  /** The paper's layout: a row per cell, a column per method, "ours±SE (published)". */
  final TextTable paper(C config, Map<String, Map<String, Pooled>> pooled) {
    Plan<K> plan = plan(config);
    List<String> header = new ArrayList<>(List.of("setup"));
    header.addAll(plan.methods());
    header.add("oracle");
    TextTable t = new TextTable(header.toArray(String[]::new));
    for (K c : plan.cells()) {
      List<String> row = new ArrayList<>(List.of(c.label()));
      for (String m : plan.methods()) {
        Pooled p = pooled.get(c.key()).get(m);
        OptionalDouble pub = published(c, m);
        String ours = format(p.mean(), c) + "±" + format(p.standardError(), c);
        row.add(ours + (pub.isPresent() ? " (" + pub.getAsDouble() + ")" : ""));
      }
      row.add(format(pooled.get(c.key()).get("oracle").mean(), c));
      t.row(row.toArray(String[]::new));
    }
    return t;
  }

  /** z = (ours − published)/SE of a baseline in a cell (NaN where the paper gives none). */
  final double z(Map<String, Map<String, Pooled>> pooled, K c, String method) {
    return TrialMethods.zScore(pooled.get(c.key()).get(method),
        published(c, method).orElse(Double.NaN));
  }

  /**
   * How one column (or all baseline columns) fits the published one.
   *
   * @param cells the cells with a published value
   * @param within2Se those with |z| ≤ 2
   * @param sumSquares Σ z_difference² over them, z_difference = z/√2 (the difference of two
   *     1000-trial means, each with about our SE): about χ²(cells), mean = cells, for an exact
   *     replication with independent cells
   * @param sum Σ z_difference
   */
  record Fit(int cells, int within2Se, double sumSquares, double sum) {

    static final Fit NONE = new Fit(0, 0, 0, 0);

    /** This fit with one more cell of z = (ours − published)/SE. */
    Fit plus(double z) {
      double zd = z / Math.sqrt(2);
      return new Fit(cells + 1, within2Se + (Math.abs(z) <= 2 ? 1 : 0), sumSquares + zd * zd,
          sum + zd);
    }

    /** Both fits' cells together. */
    Fit plus(Fit o) {
      return new Fit(cells + o.cells, within2Se + o.within2Se, sumSquares + o.sumSquares,
          sum + o.sum);
    }

    /** The mean z_difference: its sign says which side ours lean to. */
    double meanZDifference() {
      return sum / cells;
    }

    /** The cells an exact replication expects within 2 SE: P(|N(0, 1)| ≤ √2) ≈ 0.843 of them. */
    double expectedWithin() {
      return cells * 0.8427;
    }
  }

  /** The fit of every baseline's column, then of all of them together ("all baselines"). */
  final Map<String, Fit> fit(Plan<K> plan, Map<String, Map<String, Pooled>> pooled) {
    Map<String, Fit> out = new LinkedHashMap<>();
    Fit all = Fit.NONE;
    for (String m : baselines(plan.methods())) {
      Fit column = Fit.NONE;
      for (K c : plan.cells()) {
        if (published(c, m).isPresent()) {
          column = column.plus(z(pooled, c, m));
        }
      }
      if (column.cells() > 0) {
        out.put(m, column);
        all = all.plus(column);
      }
    }
    if (all.cells() > 0) {
      out.put("all baselines", all);
    }
    return out;
  }

  private static TextTable fitTable(Map<String, Fit> fit) {
    TextTable t = new TextTable("column", "cells", "within 2 SE", "exact expects",
        "sum z_difference^2", "mean z_difference");
    for (Map.Entry<String, Fit> e : fit.entrySet()) {
      Fit f = e.getValue();
      t.row(e.getKey(), Integer.toString(f.cells()), Integer.toString(f.within2Se()),
          String.format(Locale.ROOT, "%.1f", f.expectedWithin()),
          String.format(Locale.ROOT, "%.1f", f.sumSquares()),
          String.format(Locale.ROOT, "%+.2f", f.meanZDifference()));
    }
    return t;
  }

  private static Map<String, Object> fitNote(Map<String, Fit> fit) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Fit> e : fit.entrySet()) {
      Fit f = e.getValue();
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("cells", f.cells());
      v.put("within_2se", f.within2Se());
      v.put("within_2se_expected_if_exact", f.expectedWithin());
      v.put("sum_z_difference_squared", f.sumSquares());
      v.put("mean_z_difference", f.meanZDifference());
      out.put(e.getKey(), v);
    }
    return out;
  }

  /** z = (ours − published)/SE per cell and baseline, "*" where |z| > 2. */
  private TextTable zTable(Plan<K> plan, Map<String, Map<String, Pooled>> pooled) {
    List<String> header = new ArrayList<>(List.of("setup"));
    header.addAll(baselines(plan.methods()));
    TextTable t = new TextTable(header.toArray(String[]::new));
    for (K c : plan.cells()) {
      List<String> row = new ArrayList<>(List.of(c.label()));
      for (String m : baselines(plan.methods())) {
        double z = z(pooled, c, m);
        row.add(String.format(Locale.ROOT, "%+.1f%s", z, Math.abs(z) > 2 ? "*" : ""));
      }
      t.row(row.toArray(String[]::new));
    }
    return t;
  }

  private TextTable tunedTable(Plan<K> plan, Map<String, Map<String, Tuning>> tuned) {
    List<String> tunedMethods = baselines(plan.methods()).stream().filter(this::tuned).toList();
    List<String> header = new ArrayList<>(List.of("setup"));
    for (String m : tunedMethods) {
      header.add(m + " " + constantSymbol(m));
    }
    TextTable t = new TextTable(header.toArray(String[]::new));
    for (K c : plan.cells()) {
      List<String> row = new ArrayList<>(List.of(c.label()));
      for (String m : tunedMethods) {
        row.add(Double.toString(constant(tuned, c, m)));
      }
      t.row(row.toArray(String[]::new));
    }
    return t;
  }

  private String csv(Plan<K> plan, Map<String, Map<String, Pooled>> pooled,
      Map<String, Map<String, Tuning>> tuned) {
    StringBuilder sb = new StringBuilder(csvCellHeader()
        + ",method,constant,trials,mean,standard_error,published,z,within_2se\n");
    for (K c : plan.cells()) {
      List<String> ms = new ArrayList<>(plan.methods());
      ms.add("oracle");
      for (String m : ms) {
        Pooled p = pooled.get(c.key()).get(m);
        OptionalDouble pub = published(c, m);
        double z = pub.isEmpty() ? Double.NaN : TrialMethods.zScore(p, pub.getAsDouble());
        sb.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%s,%s,%s,%s%n", csvCell(c), m,
            num(constant(tuned, c, m)), (long) p.count(), num(p.mean()),
            num(p.standardError()),
            pub.isPresent() ? num(pub.getAsDouble()) : "", num(z),
            Double.isNaN(z) ? "" : Math.abs(z) <= 2));
      }
    }
    return sb.toString();
  }

  private static String num(double x) {
    return Double.isNaN(x) ? "" : String.format(Locale.ROOT, "%.6g", x);
  }

  /**
   * One z chart: z = (ours − published)/SE, clipped at ±10, against x for every baseline, with
   * the ±2 band the issue asks for as two dashed lines.
   */
  final XYChart zChart(List<K> cells, ToDoubleFunction<K> x, List<String> baselines,
      Map<String, Map<String, Pooled>> pooled, String title, String xLabel) {
    double[] xs = cells.stream().mapToDouble(x).toArray();
    List<Plots.Curve> curves = new ArrayList<>();
    for (String m : baselines) {
      double[] z = cells.stream().mapToDouble(c -> z(pooled, c, m))
          .map(PublishedTable::clip).toArray();
      curves.add(Plots.Curve.single(m, xs, z));
    }
    double[] plus = new double[xs.length];
    double[] minus = new double[xs.length];
    Arrays.fill(plus, 2);
    Arrays.fill(minus, -2);
    curves.add(Plots.Curve.single("+2 SE", xs, plus));
    curves.add(Plots.Curve.single("-2 SE", xs, minus));
    XYChart chart = Plots.learningCurveChart(title, xLabel, "z = (ours - published) / SE",
        curves, Plots.Band.NONE, false, false);
    for (String bound : List.of("+2 SE", "-2 SE")) {
      XYSeries line = chart.getSeriesMap().get(bound);
      line.setLineStyle(SeriesLines.DASH_DASH);
      line.setLineColor(Color.GRAY);
    }
    return chart;
  }
}
