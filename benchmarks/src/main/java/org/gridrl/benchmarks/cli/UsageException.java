package org.gridrl.benchmarks.cli;

/**
 * A bad option value or input file found while a command runs: printed as one line on stderr
 * with exit code 2. The message names the option (e.g. {@code --temperature must be > 0, got -1})
 * or the file and line.
 */
public final class UsageException extends IllegalArgumentException {

  /** A usage error with a one-line message. */
  public UsageException(String message) {
    super(message);
  }

  /** A usage error with a one-line message and its cause. */
  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
