package org.gridrl.benchmarks.runner;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Progress of one task of a run, shown on stderr: a progress bar (me.tongfei progressbar) when
 * the process has a terminal, otherwise plain lines ({@code [task] 40% (400/1000) 2.3 s}) at the
 * start, at most every 2 seconds, and at the end, so a log file stays readable.
 */
public interface Progress extends AutoCloseable {

  /** Advances by one step. */
  void step();

  /** Sets the number of steps done. */
  void stepTo(long done);

  /** A short message shown beside the bar (or on the next plain line). */
  void message(String text);

  /** Finishes the task (a final line or the completed bar). */
  @Override
  void close();

  /**
   * A progress display for {@code total} steps ({@code total <= 0}: unknown).
   *
   * @param task the task name shown
   * @param total the number of steps, or {@code <= 0} if unknown
   * @param err where to draw
   * @param interactive draw a bar (a terminal) rather than plain lines
   */
  static Progress create(String task, long total, PrintStream err, boolean interactive) {
    return interactive ? new Bar(task, total, err) : new Lines(task, total, err);
  }

  /** A task with nothing to show (every step already done elsewhere): draws nothing. */
  static Progress none() {
    return None.INSTANCE;
  }

  /** The silent form. */
  enum None implements Progress {
    INSTANCE;

    @Override
    public void step() {
    }

    @Override
    public void stepTo(long done) {
    }

    @Override
    public void message(String text) {
    }

    @Override
    public void close() {
    }
  }

  /** The terminal form: a progress bar. */
  final class Bar implements Progress {
    private final ProgressBar bar;

    Bar(String task, long total, PrintStream err) {
      bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total > 0 ? total : -1)
          .setConsumer(new ConsoleProgressBarConsumer(err)).setUpdateIntervalMillis(200)
          .build();
    }

    @Override
    public void step() {
      bar.step();
    }

    @Override
    public void stepTo(long done) {
      bar.stepTo(done);
    }

    @Override
    public void message(String text) {
      bar.setExtraMessage(text);
    }

    @Override
    public void close() {
      bar.close();
    }
  }

  /** The log form: plain lines at most every 2 seconds. */
  final class Lines implements Progress {
    private static final long INTERVAL_NANOS = 2_000_000_000L;
    private final String task;
    private final long total;
    private final PrintStream err;
    private final long start = System.nanoTime();
    private long lastPrint;
    private long done;
    private String message = "";
    private boolean closed;

    Lines(String task, long total, PrintStream err) {
      this.task = task;
      this.total = total;
      this.err = err;
      this.lastPrint = start;
      print();
    }

    @Override
    public void step() {
      stepTo(done + 1);
    }

    @Override
    public void stepTo(long n) {
      done = n;
      long now = System.nanoTime();
      if (now - lastPrint >= INTERVAL_NANOS) {
        lastPrint = now;
        print();
      }
    }

    @Override
    public void message(String text) {
      message = text == null ? "" : text;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        print();
      }
    }

    private void print() {
      double seconds = (System.nanoTime() - start) * 1e-9;
      String count = total > 0
          ? String.format("%3d%% (%d/%d)", Math.round(100.0 * done / total), done, total)
          : Long.toString(done);
      err.printf("[%s] %s %.1f s%s%n", task, count, seconds, message.isEmpty() ? "" : " " + message);
      err.flush();
    }
  }
}
