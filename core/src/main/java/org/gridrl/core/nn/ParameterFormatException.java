package org.gridrl.core.nn;

/**
 * A parameter file that cannot be loaded into a module: malformed JSON, a schema violation, or
 * parameters that do not match the module's names and shapes. The message is one line,
 * {@code "<source>:<line>:<column>: <what is wrong>"} for an error in the JSON syntax,
 * {@code "<source>:<line>: <what is wrong>"} for a schema error (which names the key or the
 * parameter instead of a column), or {@code "<source>: <what is wrong>"} when no single line is
 * to blame (a parameter missing from the file).
 */
public final class ParameterFormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String sourceName;
  private final int lineNumber;
  private final int columnNumber;

  /**
   * An error at a line.
   *
   * @param sourceName the file (or stream) name
   * @param lineNumber 1-based line, or 0 when the error has no single line
   * @param what the problem, without the source prefix
   */
  public ParameterFormatException(String sourceName, int lineNumber, String what) {
    this(sourceName, lineNumber, 0, what);
  }

  /**
   * An error at a character.
   *
   * @param sourceName the file (or stream) name
   * @param lineNumber 1-based line, or 0 when the error has no single line
   * @param columnNumber 1-based column in that line, or 0 when the error is not at one character
   * @param what the problem, without the source prefix
   */
  public ParameterFormatException(String sourceName, int lineNumber, int columnNumber,
      String what) {
    super(prefix(sourceName, lineNumber, columnNumber) + what);
    this.sourceName = sourceName;
    this.lineNumber = Math.max(lineNumber, 0);
    this.columnNumber = lineNumber > 0 ? Math.max(columnNumber, 0) : 0;
  }

  private static String prefix(String sourceName, int line, int column) {
    if (line <= 0) {
      return sourceName + ": ";
    }
    return column > 0 ? sourceName + ":" + line + ":" + column + ": "
        : sourceName + ":" + line + ": ";
  }

  /** The file or stream the error is in. */
  public String sourceName() {
    return sourceName;
  }

  /** The 1-based line of the error, or 0 if it concerns the file as a whole. */
  public int lineNumber() {
    return lineNumber;
  }

  /**
   * The 1-based column of the error in its line, or 0 if it is not at one character (a schema
   * error, which names the key or the parameter, or an error of the file as a whole).
   */
  public int columnNumber() {
    return columnNumber;
  }
}
