/**
 * JMH benchmarks, one class per kernel family, run with
 * {@code java -cp benchmarks/target/gridrl.jar org.openjdk.jmh.Main NAME}:
 * {@code SoftViBenchmark} (soft value iteration: one CSR sweep, one grid sweep, whole Jacobi and
 * Anderson solves on 1 and 2 threads), {@code MlpBenchmark} and {@code GemmBenchmark} (the
 * autodiff MLP forward + backward against a hand-written network and EJML), {@code GruBenchmark}
 * (GRU forward + backpropagation through time on the tape, unfused and hand-written). Results
 * and the yardstick comparisons are in docs/performance.md.
 */
package org.gridrl.benchmarks.jmh;
