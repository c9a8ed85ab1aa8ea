package org.gridrl.envs.tabular;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gridrl.core.util.MemoryBudget;
import org.gridrl.core.util.TextFiles;

/**
 * Reads the text of a map file for {@link GridWorld#load}: strict UTF-8 through
 * {@link TextFiles} (a leading byte-order mark skipped, a byte that is not UTF-8 named at its
 * row and column), and a map too large for the Java heap refused before its world is built,
 * with the estimate of what the world and its MDP take ({@link MemoryBudget}).
 */
final class MapFile {

  private MapFile() {
  }

  /**
   * The text of {@code file}.
   *
   * @param numActions the world's actions (4 or 5), for the estimate of its MDP
   * @throws MapFormatException if the file is not UTF-8 text or the map cannot fit the heap
   * @throws UncheckedIOException if the file cannot be read, naming it
   */
  static String read(Path file, int numActions) {
    String name = file.toString();
    String text;
    try {
      // the text is held twice while it is read (the buffer and the string)
      String shortfall = MemoryBudget.shortfall(MemoryBudget.times(Files.size(file), 2));
      if (shortfall != null) {
        throw new MapFormatException(name, 0, 0, "reading this "
            + MemoryBudget.size(Files.size(file)) + " map file " + shortfall);
      }
      text = TextFiles.readString(file);
    } catch (TextFiles.NotTextException e) {
      throw new MapFormatException(name, e.line(), e.column(), e.problem());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read map file " + name + ": " + TextFiles.reason(e),
          e);
    }
    long cells = 0;
    long free = 0;
    int rows = 0;
    int width = -1;
    int rowLength = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        rows++;
        width = width < 0 ? rowLength : width;
        rowLength = 0;
      } else if (c != '\r') {
        cells++;
        rowLength++;
        if (c != '#') {
          free++;
        }
      }
    }
    if (rowLength > 0) {
      rows++;
      width = width < 0 ? rowLength : width;
    }
    String shortfall = MemoryBudget.shortfall(bytes(cells, free, numActions));
    if (shortfall != null) {
      throw new MapFormatException(name, 0, 0, "a map of " + rows + " rows of width " + width
          + " with " + free + " free cells (states) and " + numActions + " actions " + shortfall);
    }
    return text;
  }

  /**
   * A lower bound of the bytes a map's world and its MDP take, from {@code cells} map cells of
   * which {@code states} are free and {@code numActions} actions: per cell the map (2) and the
   * state of each cell (4); per state its cell, value, terminal flag and start probability (21)
   * and its successors under each action (4 an action); per (s, a) the MDP's rewards as the
   * world makes them and as the builder and the MDP keep them (24), and at least one
   * transition, whose key and probability the builder holds and copies (32) and the MDP keeps
   * (12), with its row start (4); per state the MDP's start distribution and terminal flags
   * (17).
   */
  static long bytes(long cells, long states, int numActions) {
    long perCell = 6;
    long perState = 21 + 4L * numActions + 17 + (24 + 32 + 12 + 4) * (long) numActions;
    return MemoryBudget.plus(MemoryBudget.times(cells, perCell),
        MemoryBudget.times(states, perState));
  }
}
