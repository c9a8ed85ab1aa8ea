package org.gridrl.benchmarks.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JSON lines of the {@code gridrl bench} commands, read back by name. */
final class BenchLines {

  /** {@code {"ratio":NAME,"value":V...}}: NAME, V. */
  static final Pattern RATIO = Pattern.compile("\\{\"ratio\":\"([a-z/]+)\",\"value\":([0-9.]+)");

  private BenchLines() {
  }

  /** Every match of {@code line} in {@code out}: group 1 to group 2 read as a double. */
  static Map<String, Double> values(Pattern line, String out) {
    Map<String, Double> values = new LinkedHashMap<>();
    Matcher m = line.matcher(out);
    while (m.find()) {
      values.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    return values;
  }
}
