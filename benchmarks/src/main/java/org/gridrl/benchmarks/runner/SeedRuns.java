package org.gridrl.benchmarks.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;

/**
 * Independent (seed, group, method) runs of an experiment on a {@link SeedPool}, with resume:
 * what multitask-grid, multitask-conflict, maml-navigation and pearl-point share around their
 * runs. A group is a task set, a world, or the one group "" of an experiment without groups.
 */
public final class SeedRuns {

  private SeedRuns() {
  }

  /** One fresh (seed, group, method) run; called on a pool thread. */
  @FunctionalInterface
  public interface Fresh<R> {
    R run(String group, String method, long seed) throws Exception;
  }

  /** A run of a seed kept from the run this one resumes, read back from its files. */
  @FunctionalInterface
  public interface Kept<R> {
    R read(String group, String method, RunContext.KeptSeed kept);
  }

  /** Writes a fresh seed's rows and final metrics, its runs in group-then-method order. */
  @FunctionalInterface
  public interface SeedWriter<R> {
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
  public static <R> Map<String, Map<String, Map<Long, R>>> run(RunContext ctx, int threads,
      List<Long> seeds, List<String> groups, List<String> methods, Fresh<R> fresh, Kept<R> kept,
      SeedWriter<R> writer) throws Exception {
    return run(ctx, threads, seeds, groups, methods, fresh, kept, writer, null);
  }

  /** A progress line for a fresh run once it is done (null for none). */
  @FunctionalInterface
  public interface Describe<R> {
    String describe(long seed, String group, String method, R run);
  }

  /**
   * {@link #run(RunContext, int, List, List, List, Fresh, Kept, SeedWriter)} that also shows
   * {@code describe}'s line on the progress bar as each fresh run is taken.
   *
   * @param describe the line for a fresh run; null for none
   */
  public static <R> Map<String, Map<String, Map<Long, R>>> run(RunContext ctx, int threads,
      List<Long> seeds, List<String> groups, List<String> methods, Fresh<R> fresh, Kept<R> kept,
      SeedWriter<R> writer, Describe<R> describe) throws Exception {
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
            R run = runs.get(j++);
            results.computeIfAbsent(g, x -> new LinkedHashMap<>())
                .computeIfAbsent(m, x -> new LinkedHashMap<>()).put(seed, run);
            if (describe != null && k.isEmpty()) {
              progress.message(describe.describe(seed, g, m, run));
            }
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


  /** {@code runs} (in the order of {@code methods}) keyed by method. */
  public static <R> Map<String, R> byMethod(List<String> methods, List<R> runs) {
    Map<String, R> m = new LinkedHashMap<>();
    for (int i = 0; i < methods.size(); i++) {
      m.put(methods.get(i), runs.get(i));
    }
    return m;
  }

  /** Seed {@code seed}'s run of every method, from method → seed → run, in methods' order. */
  public static <R> Map<String, R> atSeed(Map<String, Map<Long, R>> runs, List<String> methods,
      long seed) {
    Map<String, R> m = new LinkedHashMap<>();
    for (String method : methods) {
      m.put(method, runs.get(method).get(seed));
    }
    return m;
  }
}
