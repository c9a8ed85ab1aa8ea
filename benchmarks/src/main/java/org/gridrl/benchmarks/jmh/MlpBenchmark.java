package org.gridrl.benchmarks.jmh;

import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
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
 * Forward + backward (all parameter gradients) of the MLP 32→64→64→5, tanh hidden layers,
 * float64, MSE loss, batch 256 — issue 5's speed target, the same network as
 * ../shared/perf/mlp_numpy.py. The four versions ({@code handWritten} through Gemm,
 * {@code ejmlGeneric}, {@code autodiff} on the tape, {@code autodiffMlp} through core.nn) are
 * those of {@link MlpWorkload}, which {@code gridrl bench mlp} times side by side as well.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MlpBenchmark {

  MlpWorkload work;

  @Setup
  public void setup() {
    work = new MlpWorkload(0);
  }

  @Benchmark
  public DMatrixRMaj handWritten() {
    return work.handWritten();
  }

  @Benchmark
  public DMatrixRMaj ejmlGeneric() {
    return work.ejmlGeneric();
  }

  @Benchmark
  public double autodiff() {
    return work.autodiff();
  }

  @Benchmark
  public double autodiffMlp() {
    return work.autodiffMlp();
  }
}
