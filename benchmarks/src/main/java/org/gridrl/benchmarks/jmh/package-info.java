/**
 * JMH benchmarks of the core kernels, run with
 * {@code java -cp benchmarks/target/gridrl.jar org.openjdk.jmh.Main NAME}.
 */
package org.gridrl.benchmarks.jmh;
