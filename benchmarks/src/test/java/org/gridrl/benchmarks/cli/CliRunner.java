package org.gridrl.benchmarks.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.gridrl.benchmarks.Main;

/** Runs the gridrl command line in-process with captured stdout and stderr. */
final class CliRunner {

  /** What one invocation produced. */
  record Result(int exitCode, String out, String err) {
  }

  private CliRunner() {
  }

  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int code = Main.execute(new Io(o, e, false), args);
    o.flush();
    e.flush();
    return new Result(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }
}
