/**
 * Files and pictures of planning solutions, shared by {@code gridrl solve}/{@code render} and the
 * experiments: {@link org.gridrl.benchmarks.report.SolutionCsv} (values, Q and policy in full
 * precision), {@link org.gridrl.benchmarks.report.GridHeatMap} (V as a heat map with policy
 * arrows, Java2D, headless), {@link org.gridrl.benchmarks.report.ColourBar} (the heat maps' colour
 * scale and its labelled key) and {@link org.gridrl.benchmarks.report.TextTable} (aligned tables
 * for the terminal).
 */
package org.gridrl.benchmarks.report;
