package org.gridrl.core.util;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated on the heap by the calling thread, from HotSpot's per-thread counter
 * ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}): how the tests and
 * benchmarks check that a hot loop allocates nothing per iteration. Where the JVM has no such
 * counter, {@link #supported()} is false.
 */
public final class AllocationMeter {

  private static final com.sun.management.ThreadMXBean BEAN = find();

  private AllocationMeter() {
  }

  private static com.sun.management.ThreadMXBean find() {
    try {
      java.lang.management.ThreadMXBean b = ManagementFactory.getThreadMXBean();
      if (b instanceof com.sun.management.ThreadMXBean hot
          && hot.isThreadAllocatedMemorySupported() && hot.isThreadAllocatedMemoryEnabled()) {
        return hot;
      }
    } catch (RuntimeException | LinkageError e) {
      // no counter on this JVM
    }
    return null;
  }

  /** Whether this JVM counts allocated bytes per thread. */
  public static boolean supported() {
    return BEAN != null;
  }

  /**
   * Bytes the calling thread has allocated so far; subtract two readings around a loop.
   *
   * @throws UnsupportedOperationException if {@link #supported()} is false
   */
  public static long threadBytes() {
    if (BEAN == null) {
      throw new UnsupportedOperationException("this JVM does not count allocated bytes per"
          + " thread");
    }
    return BEAN.getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  /**
   * The fewest bytes per call of {@code body} over {@code windows.length} windows of
   * {@code calls} calls each (each window's total is written into {@code windows}). HotSpot's C2
   * now and then charges a thread a one-off hundred-odd bytes (not a GC, seen with escape
   * analysis off too); the smallest window ignores such a one-off event and still shows any
   * allocation that recurs per call, so "allocates nothing per iteration" is asserted as
   * {@code fewestBytesPerCall(...) == 0} over three or more windows.
   *
   * @param body the loop body, warmed up by the caller
   * @param calls calls per window, ≥ 1
   * @param windows receives each window's bytes; its length is the number of windows, ≥ 1.
   *     Modified.
   * @return the smallest window's bytes divided by {@code calls}
   */
  public static double fewestBytesPerCall(Runnable body, int calls, long[] windows) {
    if (calls < 1 || windows.length < 1) {
      throw new IllegalArgumentException("need calls >= 1 and at least one window, got "
          + calls + " and " + windows.length);
    }
    long fewest = Long.MAX_VALUE;
    for (int w = 0; w < windows.length; w++) {
      long before = threadBytes();
      for (int k = 0; k < calls; k++) {
        body.run();
      }
      windows[w] = threadBytes() - before;
      fewest = Math.min(fewest, windows[w]);
    }
    return (double) fewest / calls;
  }
}
