/**
 * The subcommands of {@code gridrl} (picocli): {@code list}, {@code run}, {@code solve}, {@code
 * render}, and the error handling that turns every bad option or file into one line on stderr and
 * exit code 2.
 */
package org.gridrl.benchmarks.cli;
