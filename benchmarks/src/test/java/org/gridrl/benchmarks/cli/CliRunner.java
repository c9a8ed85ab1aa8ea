package org.gridrl.benchmarks.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.gridrl.benchmarks.Main;
import picocli.CommandLine;

/**
 * Runs the gridrl command line, or one command on its own with picocli's default handlers,
 * in-process with captured stdout and stderr.
 */
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

  /** Runs {@code command} alone (as its {@code main} would, without the launcher's handlers). */
  static Result command(Object command, String... args) {
    CommandLine cmd = new CommandLine(command);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
