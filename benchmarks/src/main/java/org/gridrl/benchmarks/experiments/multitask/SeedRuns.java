package org.gridrl.benchmarks.experiments.multitask;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import org.gridrl.benchmarks.runner.Progress;
import org.gridrl.benchmarks.runner.RunContext;
import org.gridrl.benchmarks.runner.SeedPool;
import org.gridrl.core.util.Check;

/**
 * What {@link MultitaskGrid} and {@link MultitaskConflict} share around their runs: the config
 * check of an ordered subset, the (seed, group, method) runs on a {@link SeedPool} with resume,
 * and the finite points of a curve. A group is a task set or a world.
 */
final class SeedRuns {

  private SeedRuns() {
  }

  /** One fresh (seed, group, method) run; called on a pool thread. */
  @FunctionalInterface
  interface Fresh<R> {
    R run(String group, String method, long seed) throws Exception;
  }

  /** A run of a seed kept from the run this one resumes, read back from its files. */
  @FunctionalInterface
  interface Kept<R> {
    R read(String group, String method, RunContext.KeptSeed kept);
  }

  /** Writes a fresh seed's rows and final metrics, its runs in group-then-method order. */
  @FunctionalInterface
  interface SeedWriter<R> {
    void write(RunContext ctx, long seed, List<R> runs);
  }

  /**
   * Every (seed, group, method) run, group-then-method within a seed. The runs of every seed
   * that {@code ctx} does not keep are submitted first, in seed order, to a pool of
   * {@code threads}; then seed by seed, in order, a kept seed's runs are read back and a fresh
   * seed's awaited and written, so the files do not depend on the thread count. The progress
   * bar "runs" steps once a run.
   *
   * @return group → method → seed → run, in the orders of the lists
   */
  static <R> Map<String, Map<String, Map<Long, R>>> run(RunContext ctx, int threads,
      List<Long> seeds, List<String> groups, List<String> methods, Fresh<R> fresh, Kept<R> kept,
      SeedWriter<R> writer) throws Exception {
    Map<String, Map<String, Map<Long, R>>> results = new LinkedHashMap<>();
    int perSeed = groups.size() * methods.size();
    try (SeedPool pool = new SeedPool(threads, seeds.size() * perSeed);
        Progress progress = ctx.progress("runs", (long) seeds.size() * perSeed)) {
      List<List<Future<R>>> futures = new ArrayList<>();
      for (long seed : seeds) {
        List<Future<R>> fs = new ArrayList<>();
        if (ctx.kept(seed).isEmpty()) {
          for (String g : groups) {
            for (String m : methods) {
              fs.add(pool.submit(() -> fresh.run(g, m, seed)));
            }
          }
        }
        futures.add(fs);
      }
      for (int i = 0; i < seeds.size(); i++) {
        long seed = seeds.get(i);
        Optional<RunContext.KeptSeed> k = ctx.kept(seed);
        List<R> runs = new ArrayList<>();
        if (k.isPresent()) {
          for (String g : groups) {
            for (String m : methods) {
              runs.add(kept.read(g, m, k.get()));
            }
          }
        } else {
          for (Future<R> f : futures.get(i)) {
            runs.add(SeedPool.result(f));
          }
        }
        int j = 0;
        for (String g : groups) {
          for (String m : methods) {
            results.computeIfAbsent(g, x -> new LinkedHashMap<>())
                .computeIfAbsent(m, x -> new LinkedHashMap<>()).put(seed, runs.get(j++));
            progress.step();
          }
        }
        if (k.isEmpty()) {
          writer.write(ctx, seed, runs);
        }
      }
    }
    return results;
  }

  /**
   * Checks that {@code xs} is a non-empty subset of {@code all}, distinct and in its order.
   *
   * @param name the field, for the messages
   * @return an unmodifiable copy
   */
  static List<String> ordered(String name, List<String> xs, List<String> all) {
    Check.argument(xs != null && !xs.isEmpty(), "%s must not be empty", name);
    for (String x : xs) {
      Check.argument(all.contains(x), "%s must be among %s, got %s", name, all, x);
    }
    Check.argument(all.stream().filter(xs::contains).toList().equals(xs),
        "%s must be distinct and in the order %s, got %s", name, all, xs);
    return List.copyOf(xs);
  }

  /** The points of (x, y) where y is not NaN, as {@code [x, y]}. */
  static List<double[]> finite(double[] x, double[] y) {
    int n = 0;
    for (double v : y) {
      n += Double.isNaN(v) ? 0 : 1;
    }
    double[] fx = new double[n];
    double[] fy = new double[n];
    for (int i = 0, j = 0; i < y.length; i++) {
      if (!Double.isNaN(y[i])) {
        fx[j] = x[i];
        fy[j++] = y[i];
      }
    }
    return List.of(fx, fy);
  }
}
