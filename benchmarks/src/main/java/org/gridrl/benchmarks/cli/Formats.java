package org.gridrl.benchmarks.cli;

import java.util.Locale;

/** Number formats for people (the CSV files use full precision instead). */
final class Formats {

  private Formats() {
  }

  /** Up to 6 significant digits without trailing zeros: 1, 0.95, 12.3457, 1.5e-07. */
  static String number(double x) {
    if (x == Math.rint(x) && Math.abs(x) < 1e15) {
      return Long.toString((long) x);
    }
    String s = String.format(Locale.ROOT, "%.6g", x);
    if (s.contains("e")) {
      String[] parts = s.split("e");
      return parts[0].replaceAll("\\.?0+$", "") + "e" + parts[1];
    }
    return s.contains(".") ? s.replaceAll("\\.?0+$", "") : s;
  }
}
