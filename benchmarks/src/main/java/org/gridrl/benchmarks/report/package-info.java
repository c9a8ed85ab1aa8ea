/**
 * Files and pictures of planning solutions, shared by {@code gridrl solve}/{@code render} and the
 * experiments: {@link org.gridrl.benchmarks.report.SolutionCsv} (values, Q and policy in full
 * precision) and {@link org.gridrl.benchmarks.report.GridHeatMap} (V as a heat map with policy
 * arrows, Java2D, headless).
 */
package org.gridrl.benchmarks.report;
