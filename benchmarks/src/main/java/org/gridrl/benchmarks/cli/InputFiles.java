package org.gridrl.benchmarks.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.gridrl.core.mdp.MdpFormat;
import org.gridrl.core.mdp.MdpFormatException;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.util.TextFiles;
import org.gridrl.envs.tabular.GridWorld;
import org.gridrl.envs.tabular.MapFormatException;
import org.gridrl.irl.CsvFormatException;
import org.gridrl.irl.Demonstrations;
import org.gridrl.irl.FeaturesCsv;

/**
 * Reads the files that options name, so that every error names the option as well as the file
 * and line: {@code --mdp bad.mdp:5: ...}, {@code --features f.csv:1: not UTF-8 text (byte 0xE9
 * at column 10)}, {@code --demos d.csv: no such file}. The readers' own messages (the file, the
 * line or the row and column, what is wrong, a heap estimate) are kept whole after the option.
 */
final class InputFiles {

  private InputFiles() {
  }

  /** An MDP in the text format. */
  static TabularMdp mdp(String option, Path file) {
    return read(option, file, () -> MdpFormat.read(file));
  }

  /** A map file. */
  static GridWorld map(String option, Path file, GridWorld.Options options) {
    return read(option, file, () -> GridWorld.load(file, options));
  }

  /** State features for S states. */
  static StateFeatures features(String option, Path file, int numStates) {
    return read(option, file, () -> FeaturesCsv.read(file, numStates));
  }

  /** Demonstrations for S states and A actions, steps below {@code horizon}. */
  static Demonstrations demos(String option, Path file, int numStates, int numActions,
      int horizon) {
    return read(option, file, () -> Demonstrations.read(file, numStates, numActions, horizon));
  }

  private static <T> T read(String option, Path file, Supplier<T> reader) {
    try {
      return reader.get();
    } catch (MdpFormatException | CsvFormatException | MapFormatException e) {
      throw new UsageException(option + " " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      IOException cause = e.getCause();
      throw new UsageException(option + " " + file + ": " + TextFiles.reason(cause), e);
    }
  }
}
