package org.gridrl.benchmarks.cli;

import java.io.PrintStream;

/**
 * Where a command writes: results and tables to {@code out}, progress and errors to {@code err};
 * {@code interactive} when stderr is a terminal (progress bars instead of plain lines).
 *
 * @param out standard output
 * @param err standard error
 * @param interactive whether a terminal is attached
 */
public record Io(PrintStream out, PrintStream err, boolean interactive) {
}
