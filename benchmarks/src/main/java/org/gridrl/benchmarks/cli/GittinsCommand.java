package org.gridrl.benchmarks.cli;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gridrl.core.util.Numbers;
import org.gridrl.meta.baselines.GittinsIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gridrl meta gittins --alpha a --beta b --discount γ [--depth N]}: the Gittins index
 * ν_γ(a, b) of a Beta(a, b)–Bernoulli arm ({@link GittinsIndex}), alone on the last line to 6
 * decimals; {@code --table N} instead prints ν_γ(α, β) for α, β = 1..N, rows α, columns β.
 * A bad option is one line naming it, exit code 2.
 */
@Command(name = "gittins", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class, sortOptions = false,
    description = {"The Gittins index of a Bernoulli arm with a Beta(alpha, beta) posterior under"
        + " discount gamma: the rate lambda of a known arm that makes retiring to it as good as"
        + " playing on, computed by calibration (bisection on lambda, backward induction over"
        + " the Beta posteriors reachable in --depth pulls). The index printed is at most the"
        + " stated truncation error below the exact one.",
        "With a uniform prior, alpha = 1 + wins and beta = 1 + losses. Prints the index alone"
        + " on the last line, to 6 decimals; --table N prints the indices for alpha, beta ="
        + " 1..N instead."})
public final class GittinsCommand implements Callable<Integer> {

  /** The largest --table: 100 × 100 indices (each costs up to N²/2 × 44 backups). */
  static final int MAX_TABLE = 100;

  @Option(names = "--alpha", paramLabel = "A",
      description = "The posterior's alpha > 0 (1 + successes under a uniform prior).")
  Double alpha;

  @Option(names = "--beta", paramLabel = "B",
      description = "The posterior's beta > 0 (1 + failures under a uniform prior).")
  Double beta;

  @Option(names = "--discount", paramLabel = "GAMMA", required = true,
      description = "The discount gamma in (0, 1).")
  double discount;

  @Option(names = "--table", paramLabel = "N",
      description = "Print the table for alpha, beta = 1..N (N <= 100; rows alpha, columns"
          + " beta) instead of one index; not with --alpha or --beta.")
  Integer table;

  @Option(names = "--depth", paramLabel = "N",
      description = "Truncate the recursion after N pulls (default: the smallest N with"
          + " gamma^N/(1 - gamma) <= 1e-9, the bound on the error).")
  Integer depth;

  private final Io io;

  /** The command writing to {@code io}. */
  public GittinsCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    GittinsIndex indices = OptionErrors.build(
        Map.of("discount", "--discount", "depth", "--depth"),
        () -> depth == null ? new GittinsIndex(discount) : new GittinsIndex(discount, depth));
    String setting = "discount " + Numbers.shortest(discount) + ", depth " + indices.depth()
        + ", truncation error <= " + String.format(Locale.ROOT, "%.1e",
            indices.truncationBound());
    if (table != null) {
      if (alpha != null || beta != null) {
        throw new UsageException("--table cannot be combined with --alpha or --beta");
      }
      if (table < 1 || table > MAX_TABLE) {
        throw new UsageException("--table must be in [1, " + MAX_TABLE + "], got " + table);
      }
      io.out().println("Gittins indices of Beta(alpha, beta)-Bernoulli arms (" + setting + ")");
      io.out().print(table(indices, table));
      io.out().flush();
      return 0;
    }
    if (alpha == null || beta == null) {
      throw new UsageException("give --alpha and --beta (or --table N)");
    }
    double nu = OptionErrors.build(Map.of("alpha", "--alpha", "beta", "--beta"),
        () -> indices.index(alpha, beta));
    io.out().println("Gittins index of Beta(" + Numbers.shortest(alpha) + ", "
        + Numbers.shortest(beta) + ") (" + setting + "):");
    io.out().println(sixDecimals(nu));
    io.out().flush();
    return 0;
  }

  private static String sixDecimals(double x) {
    return String.format(Locale.ROOT, "%.6f", x);
  }

  /** Rows α = 1..n, columns β = 1..n, each entry to 6 decimals in a right-aligned column. */
  static String table(GittinsIndex indices, int n) {
    StringBuilder sb = new StringBuilder();
    int width = 9;
    sb.append(String.format(Locale.ROOT, "%-10s", "alpha\\beta"));
    for (int b = 1; b <= n; b++) {
      sb.append(String.format(Locale.ROOT, "%" + width + "d", b));
    }
    sb.append('\n');
    for (int a = 1; a <= n; a++) {
      sb.append(String.format(Locale.ROOT, "%-10d", a));
      for (int b = 1; b <= n; b++) {
        sb.append(String.format(Locale.ROOT, "%" + width + "s", sixDecimals(indices.index(a,
            b))));
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
