package org.gridrl.irl;

/**
 * A bad line in a demonstrations or features CSV file. The message is one line,
 * {@code "<source>:<line>: <what is wrong>"}, and {@link #sourceName()} and {@link #lineNumber()}
 * give its parts (line numbers count from 1; 0 means the file as a whole, e.g. an empty file).
 */
public final class CsvFormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String sourceName;
  private final int lineNumber;

  /**
   * An error at a line of a source.
   *
   * @param sourceName the file name or other label of the input
   * @param lineNumber 1-based line, or 0 for the whole input
   * @param what what is wrong, without the location
   */
  public CsvFormatException(String sourceName, int lineNumber, String what) {
    super(sourceName + ":" + lineNumber + ": " + what);
    this.sourceName = sourceName;
    this.lineNumber = lineNumber;
  }

  /** The file name or label of the input. */
  public String sourceName() {
    return sourceName;
  }

  /** The 1-based line number, or 0 for the whole input. */
  public int lineNumber() {
    return lineNumber;
  }
}
