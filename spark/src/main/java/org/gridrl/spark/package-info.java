/**
 * Sweeps on an Apache Spark cluster: {@link org.gridrl.spark.SparkSweepRunner} runs the specs of
 * a {@code gridrl sweep} as a Spark job (one partition per run) and writes the runs' folders and
 * tables on the driver with the writers of the local sweep; {@link org.gridrl.spark.SparkSweep}
 * is the {@code spark-submit} entry point. A leaf module: nothing depends on it, and Spark is
 * {@code provided} (a cluster's own Spark is used).
 */
package org.gridrl.spark;
