package org.gridrl.benchmarks.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.gridrl.benchmarks.runner.Registry;
import org.gridrl.core.util.Check;

/**
 * The default {@link SweepRunner}: the runs on a fixed pool of threads in this JVM, taken in spec
 * order. The results do not depend on the number of threads (each run is pure in its spec).
 */
public final class LocalSweepRunner implements SweepRunner {

  private final Registry registry;
  private final int threads;

  /**
   * A runner of {@code threads} threads over the experiments of {@code registry}.
   *
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public LocalSweepRunner(Registry registry, int threads) {
    Check.argument(threads >= 1, "threads must be >= 1, got %s", threads);
    this.registry = registry;
    this.threads = threads;
  }

  @Override
  public List<RunResult> run(List<RunSpec> specs, Path outDir, Consumer<RunResult> done)
      throws InterruptedException {
    if (specs.isEmpty()) {
      return List.of();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, specs.size()));
    try {
      List<Future<RunResult>> futures = new ArrayList<>();
      for (RunSpec spec : specs) {
        futures.add(pool.submit(() -> {
          RunResult r = SweepRun.execute(spec, registry, outDir.resolve(spec.folder()));
          synchronized (done) {
            done.accept(r);
          }
          return r;
        }));
      }
      List<RunResult> results = new ArrayList<>();
      for (Future<RunResult> f : futures) {
        try {
          results.add(f.get());
        } catch (ExecutionException e) { // execute records failures; this is a bug or an Error
          throw new IllegalStateException("a sweep run failed outside its experiment: "
              + e.getCause(), e.getCause());
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
