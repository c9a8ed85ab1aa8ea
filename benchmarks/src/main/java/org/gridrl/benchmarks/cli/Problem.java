package org.gridrl.benchmarks.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.envs.tabular.GridWorld;

/**
 * The problem a command solves: an MDP read from a text file ({@code --mdp}), or a grid map
 * ({@code --map FILE|NAME}: a map file, or the name of a bundled map when no such file exists).
 *
 * @param mdp the MDP
 * @param world the grid world, or null for an {@code --mdp} file
 * @param name a short name: the file name without extension, or the bundled map's name
 * @param source where it came from, for messages
 */
record Problem(TabularMdp mdp, GridWorld world, String name, String source) {

  /**
   * Reads an {@code --mdp} file; {@code gamma}, if given, replaces the file's discount.
   *
   * @throws UsageException naming the option, the file and the line
   */
  static Problem fromMdpFile(Path file, MapOptions mapOptions) {
    mapOptions.checkNotMapOnly();
    TabularMdp mdp = InputFiles.mdp("--mdp", file);
    Double gamma = mapOptions.gamma();
    if (gamma != null) {
      TabularMdp read = mdp;
      mdp = OptionErrors.build(MapOptions.OPTION_OF_FIELD, () -> read.withGamma(gamma));
    }
    return new Problem(mdp, null, baseName(file), file.toString());
  }

  /**
   * Loads {@code --map}: a file if one exists at that path, else a bundled map of that name.
   *
   * @throws UsageException naming the option, the file, the row and the column
   */
  static Problem fromMap(String spec, MapOptions mapOptions) {
    GridWorld.Options options = mapOptions.gridOptions();
    Path file = Path.of(spec);
    GridWorld world;
    String name;
    if (Files.isRegularFile(file)) {
      world = InputFiles.map("--map", file, options);
      name = baseName(file);
    } else if (GridWorld.bundledNames().contains(spec.toLowerCase(Locale.ROOT))) {
      name = spec.toLowerCase(Locale.ROOT);
      world = GridWorld.bundled(name, options);
    } else {
      throw new UsageException("--map: no such file or bundled map: '" + spec
          + "' (bundled maps: " + String.join(", ", GridWorld.bundledNames()) + ")");
    }
    return new Problem(world.mdp(), world, name, world.sourceName());
  }

  /** One line: source, S, A, γ, terminals. */
  String describe() {
    return String.format(Locale.ROOT, "%s: %d states, %d actions, gamma %s, %d terminal%s",
        source, mdp.numStates(), mdp.numActions(), Formats.number(mdp.gamma()),
        mdp.numTerminals(), mdp.numTerminals() == 1 ? "" : "s");
  }

  private static String baseName(Path file) {
    String n = file.getFileName() == null ? "mdp" : file.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }
}
