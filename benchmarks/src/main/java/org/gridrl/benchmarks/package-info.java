/**
 * The {@code gridrl} command line ({@link org.gridrl.benchmarks.Main}), the experiment runner
 * ({@code runner}) and the experiments ({@code experiments}).
 */
package org.gridrl.benchmarks;
