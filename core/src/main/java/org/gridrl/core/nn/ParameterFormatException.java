package org.gridrl.core.nn;

/**
 * A parameter file that cannot be loaded into a module: malformed JSON, a schema violation, or
 * parameters that do not match the module's names and shapes. The message is one line,
 * {@code "<source>:<line>: <what is wrong>"}, or {@code "<source>: <what is wrong>"} when no
 * single line is to blame (a parameter missing from the file).
 */
public final class ParameterFormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String sourceName;
  private final int lineNumber;

  /**
   * An error at a line.
   *
   * @param sourceName the file (or stream) name
   * @param lineNumber 1-based line, or 0 when the error has no single line
   * @param what the problem, without the source prefix
   */
  public ParameterFormatException(String sourceName, int lineNumber, String what) {
    super(lineNumber > 0 ? sourceName + ":" + lineNumber + ": " + what : sourceName + ": " + what);
    this.sourceName = sourceName;
    this.lineNumber = lineNumber;
  }

  /** The file or stream the error is in. */
  public String sourceName() {
    return sourceName;
  }

  /** The 1-based line of the error, or 0 if it concerns the file as a whole. */
  public int lineNumber() {
    return lineNumber;
  }
}
