package org.gridrl.benchmarks.runner;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The seeds of an experiment run in parallel on a fixed pool and taken back in seed order: each
 * seed's numbers depend only on its seed, so the files do not depend on the thread count. Closing
 * the pool stops whatever still runs (a failed seed ends the run).
 */
public final class SeedPool implements AutoCloseable {

  private final ExecutorService pool;

  /** A pool of min(threads, tasks) threads, at least one. */
  public SeedPool(int threads, int tasks) {
    pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, tasks)));
  }

  /** Starts a task. */
  public <T> Future<T> submit(Callable<T> task) {
    return pool.submit(task);
  }

  /**
   * The task's result, waiting for it; a task that failed rethrows its own exception (an
   * {@link Exception} as it is, anything else wrapped as the pool wrapped it).
   */
  public static <T> T result(Future<T> future) throws Exception {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
