package org.gridrl.benchmarks.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Forward + backpropagation through time of a GRU cell (in 8, hidden 64, 100 steps, batch 16,
 * float64, L = mean over steps and rows of the squared linear read-out of every hidden state) —
 * issue 14's speed item, the shapes of ../shared/perf/torch_second_order.py {@code gru}. The three
 * versions ({@code autodiff}: {@code Gru.unroll} on the tape; {@code autodiffUnfused}: the cell
 * spelled out in elementwise tape ops; {@code handWritten}: explicit BPTT through Gemm) are those of {@link GruWorkload}, which {@code gridrl bench gru} times side by
 * side with the PyTorch yardstick.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GruBenchmark {

  GruWorkload work;

  @Setup
  public void setup() {
    work = GruWorkload.yardstick(0);
  }

  @Benchmark
  public double autodiff() {
    return work.autodiff();
  }

  @Benchmark
  public double autodiffUnfused() {
    return work.autodiffUnfused();
  }

  @Benchmark
  public double handWritten() {
    return work.handWritten();
  }
}
