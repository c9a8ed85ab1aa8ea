package org.gridrl.benchmarks.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.gridrl.core.linalg.Gemm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * C = A·B, Aᵀ·B and A·Bᵀ for the shapes of the MLP benchmark (batch 256), {@link Gemm} against
 * EJML's {@code CommonOps_DDRM}. Shape "m,k,n": A is m×k (k×m for Aᵀ·B), B is k×n (n×k for
 * A·Bᵀ), C is m×n.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GemmBenchmark {

  @Param({"256,32,64", "256,64,64", "256,64,5", "64,256,64"})
  public String shape;

  DMatrixRMaj a;
  DMatrixRMaj at;
  DMatrixRMaj b;
  DMatrixRMaj bt;
  DMatrixRMaj c;

  @Setup
  public void setup() {
    String[] s = shape.split(",");
    int m = Integer.parseInt(s[0]);
    int k = Integer.parseInt(s[1]);
    int n = Integer.parseInt(s[2]);
    Random r = new Random(345);
    a = RandomMatrices_DDRM.rectangle(m, k, -1, 1, r);
    at = CommonOps_DDRM.transpose(a, null);
    b = RandomMatrices_DDRM.rectangle(k, n, -1, 1, r);
    bt = CommonOps_DDRM.transpose(b, null);
    c = new DMatrixRMaj(m, n);
  }

  @Benchmark
  public DMatrixRMaj gemmMult() {
    return Gemm.mult(a, b, c);
  }

  @Benchmark
  public DMatrixRMaj ejmlMult() {
    CommonOps_DDRM.mult(a, b, c);
    return c;
  }

  @Benchmark
  public DMatrixRMaj gemmMultTransA() {
    return Gemm.multTransA(at, b, c);
  }

  @Benchmark
  public DMatrixRMaj ejmlMultTransA() {
    CommonOps_DDRM.multTransA(at, b, c);
    return c;
  }

  @Benchmark
  public DMatrixRMaj gemmMultTransB() {
    return Gemm.multTransB(a, bt, c);
  }

  @Benchmark
  public DMatrixRMaj ejmlMultTransB() {
    CommonOps_DDRM.multTransB(a, bt, c);
    return c;
  }
}
