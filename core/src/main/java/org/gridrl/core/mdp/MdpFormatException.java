package org.gridrl.core.mdp;

/**
 * A malformed MDP text file: the message is one line, {@code "<source>:<line>: <what is wrong>"},
 * and {@link #sourceName()} and {@link #lineNumber()} (1-based) say where.
 */
public final class MdpFormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String sourceName;
  private final int lineNumber;
  private final String problem;

  /**
   * An error in {@code sourceName} at {@code lineNumber}.
   *
   * @param sourceName the file or source name shown to the user
   * @param lineNumber 1-based line the problem is reported at
   * @param problem what is wrong, one line, without the location prefix
   */
  public MdpFormatException(String sourceName, int lineNumber, String problem) {
    super(sourceName + ":" + lineNumber + ": " + problem);
    this.sourceName = sourceName;
    this.lineNumber = lineNumber;
    this.problem = problem;
  }

  /** The file or source name the error is in. */
  public String sourceName() {
    return sourceName;
  }

  /** The 1-based line number the error is reported at. */
  public int lineNumber() {
    return lineNumber;
  }

  /** What is wrong, without the {@code "<source>:<line>: "} prefix. */
  public String problem() {
    return problem;
  }
}
