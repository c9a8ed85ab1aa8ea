package org.gridrl.core.planning;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Thread pool: K − 1 daemon worker threads plus the caller that run one task over a fixed list
 * of blocks: blocks [0, B) are split into K contiguous chunks, chunk t = [t·B/K, (t+1)·B/K),
 * the caller runs chunk 0. Which thread runs a block never changes what the block computes, so callers that
 * write per-block results and reduce them in block order get the same bits for any K.
 *
 * <p>Hand-off is a volatile generation counter: workers wait on it by a short busy spin, then
 * {@code Thread.yield()} up to a millisecond after a task (the next sweep follows within
 * microseconds; yielding gives the core away when the machine is loaded) and then park (at once
 * when there are more threads than cores); the caller spins and then parks until the
 * last worker unparks it. A run allocates nothing. Not reentrant; one caller at a time.
 */
final class BlockPool implements AutoCloseable {

  /** Work on one block; {@code worker} in [0, K) indexes per-thread workspaces. */
  interface BlockTask {
    void run(int block, int worker);
  }

  /** How long a waiting thread spins before it parks, when every thread has a core. */
  private static final long SPIN_NANOS = 1_000_000;

  /** The busy part of the spin. */
  private static final long BUSY_NANOS = 20_000;

  private final long spinNanos;

  private final int threads;
  private final Thread[] workers;
  private final AtomicInteger pending = new AtomicInteger();
  private volatile int generation;
  private volatile boolean closed;
  private volatile Thread caller;
  private BlockTask task;
  private int numBlocks;
  private volatile Throwable failure;

  BlockPool(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    // spinning only pays when each thread has a core of its own; else park at once
    this.spinNanos = threads <= Runtime.getRuntime().availableProcessors() ? SPIN_NANOS : 0;
    this.workers = new Thread[threads - 1];
    for (int i = 0; i < workers.length; i++) {
      final int worker = i + 1;
      Thread t = new Thread(() -> workLoop(worker), "gridrl-softvi-" + worker);
      t.setDaemon(true);
      workers[i] = t;
      t.start();
    }
  }

  int threads() {
    return threads;
  }

  /** Runs {@code task} on every block in [0, numBlocks) and returns when all are done. */
  void run(BlockTask task, int numBlocks) {
    if (closed) {
      throw new IllegalStateException("the solver is closed (SoftValueIteration.Parallel.close)");
    }
    if (threads == 1 || numBlocks == 1) {
      for (int b = 0; b < numBlocks; b++) {
        task.run(b, 0);
      }
      return;
    }
    this.task = task;
    this.numBlocks = numBlocks;
    this.caller = Thread.currentThread();
    pending.set(workers.length);
    generation++; // volatile write publishes task and numBlocks
    for (Thread w : workers) {
      LockSupport.unpark(w);
    }
    runChunk(task, numBlocks, 0);
    long start = System.nanoTime();
    while (pending.get() != 0) {
      pause(start, false);
    }
    this.task = null;
    Throwable f = failure;
    if (f != null) {
      failure = null;
      if (f instanceof RuntimeException r) {
        throw r;
      }
      if (f instanceof Error e) {
        throw e;
      }
      throw new IllegalStateException(f);
    }
  }

  /**
   * One step of waiting that began at {@code start}: a busy spin for the first
   * {@value #BUSY_NANOS} ns, then {@link Thread#yield()} (which returns at once on an idle core
   * but hands the core to a runnable thread on a loaded machine) up to {@code spinNanos}, then
   * a park.
   */
  private void pause(long start, boolean worker) {
    long waited = System.nanoTime() - start;
    if (waited < BUSY_NANOS && waited < spinNanos) {
      Thread.onSpinWait();
    } else if (waited < spinNanos) {
      Thread.yield();
    } else if (worker) {
      LockSupport.park(this);
    } else {
      LockSupport.parkNanos(this, 50_000);
    }
  }

  private void runChunk(BlockTask t, int blocks, int worker) {
    final int begin = (int) ((long) worker * blocks / threads);
    final int end = (int) ((long) (worker + 1) * blocks / threads);
    for (int b = begin; b < end; b++) {
      t.run(b, worker);
    }
  }

  private void workLoop(int worker) {
    int seen = 0;
    while (true) {
      long start = System.nanoTime();
      while (generation == seen && !closed) {
        pause(start, true);
      }
      if (closed) {
        return;
      }
      seen = generation;
      try {
        runChunk(task, numBlocks, worker);
      } catch (Throwable e) {
        failure = e;
      }
      if (pending.decrementAndGet() == 0) {
        LockSupport.unpark(caller);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Thread w : workers) {
      LockSupport.unpark(w);
    }
  }
}
