package org.gridrl.benchmarks.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * The timed rounds of a {@code gridrl bench} command: for each of its timed things and each
 * round, the microseconds per call by the wall clock and by the calling thread's CPU time (which
 * time-slicing on a loaded machine does not inflate; NaN where the JVM cannot read it). A round
 * is timed between {@link #start} and {@link #stop} (or whole by {@link #round}, after
 * {@link #warmUp}); the command reports the best and the median round.
 */
final class RoundTimes {

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final boolean cpuClock = threads.isCurrentThreadCpuTimeSupported();
  private final double[][] wallUs;
  private final double[][] cpuUs;
  private long cpu0;
  private long wall0;

  /** Room for {@code things} × {@code rounds} timings. */
  RoundTimes(int things, int rounds) {
    wallUs = new double[things][rounds];
    cpuUs = new double[things][rounds];
  }

  /**
   * JIT warm-up for timed things run in blocks: four interleaved passes over the calls, each call
   * repeated for its share of {@code warmupMs} (so every one is compiled alike).
   *
   * @return the sum of the calls' results, for the caller to keep alive
   */
  static double warmUp(List<DoubleSupplier> calls, long warmupMs) {
    double sink = 0;
    long sliceNs = TimeUnit.MILLISECONDS.toNanos(warmupMs) / (4L * calls.size());
    for (int slice = 0; slice < 4; slice++) {
      for (DoubleSupplier call : calls) {
        long start = System.nanoTime();
        do {
          sink += call.getAsDouble();
        } while (System.nanoTime() - start < sliceNs);
      }
    }
    return sink;
  }

  /**
   * Round {@code round}: each call in turn, {@code block} times in a row, timed as thing i.
   *
   * @return the sum of the calls' results, for the caller to keep alive
   */
  double round(List<DoubleSupplier> calls, int round, int block) {
    double sink = 0;
    for (int i = 0; i < calls.size(); i++) {
      DoubleSupplier call = calls.get(i);
      start();
      for (int k = 0; k < block; k++) {
        sink += call.getAsDouble();
      }
      stop(i, round, block);
    }
    return sink;
  }

  /** Starts both clocks. */
  void start() {
    cpu0 = cpuClock ? threads.getCurrentThreadCpuTime() : 0;
    wall0 = System.nanoTime();
  }

  /** Stops both clocks: {@code thing} made {@code calls} calls in {@code round}. */
  void stop(int thing, int round, long calls) {
    wallUs[thing][round] = (System.nanoTime() - wall0) / 1e3 / calls;
    cpuUs[thing][round] = cpuClock
        ? (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / calls : Double.NaN;
  }

  /** The best round of {@code thing} by the wall clock, µs per call. */
  double best(int thing) {
    return min(wallUs[thing]);
  }

  /** The median round of {@code thing} by the wall clock, µs per call. */
  double median(int thing) {
    return median(wallUs[thing]);
  }

  /** The best round of {@code thing} by CPU time, µs per call (NaN without a CPU clock). */
  double bestCpu(int thing) {
    return min(cpuUs[thing]);
  }

  /** The smallest entry; NaN when there is none. */
  static double min(double[] us) {
    return Arrays.stream(us).min().orElse(Double.NaN);
  }

  /** The median entry (the mean of the middle two for an even count). */
  static double median(double[] us) {
    double[] s = us.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
  }
}
