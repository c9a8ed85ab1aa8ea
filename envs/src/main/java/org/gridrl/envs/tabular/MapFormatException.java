package org.gridrl.envs.tabular;

/**
 * A malformed grid map: the message is one line {@code <source>:<row>:<col>: <what is wrong>}
 * with 1-based row (the line of the map text) and column; a column of 0 means the whole row,
 * a row of 0 the whole map.
 */
public final class MapFormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String sourceName;
  private final int row;
  private final int column;
  private final String problem;

  /**
   * @param sourceName the file or resource the map came from
   * @param row 1-based row, 0 for the whole map
   * @param column 1-based column, 0 for the whole row
   * @param problem what is wrong, one line
   */
  public MapFormatException(String sourceName, int row, int column, String problem) {
    super(sourceName + ":" + row + ":" + column + ": " + problem);
    this.sourceName = sourceName;
    this.row = row;
    this.column = column;
    this.problem = problem;
  }

  /** The file or resource name the map came from. */
  public String sourceName() {
    return sourceName;
  }

  /** 1-based row of the map (its line in the text), 0 when the error concerns the whole map. */
  public int row() {
    return row;
  }

  /** 1-based column, 0 when the error concerns a whole row or the whole map. */
  public int column() {
    return column;
  }

  /** What is wrong, without the location prefix. */
  public String problem() {
    return problem;
  }
}
