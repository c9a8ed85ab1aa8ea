/**
 * JMH benchmarks, one class per kernel family: {@code SoftViBenchmark} (soft value iteration:
 * one CSR sweep, one grid sweep, whole Jacobi and Anderson solves on 1 and 2 threads). Results
 * and the C yardstick comparison are in docs/performance.md.
 */
package org.gridrl.benchmarks.jmh;
