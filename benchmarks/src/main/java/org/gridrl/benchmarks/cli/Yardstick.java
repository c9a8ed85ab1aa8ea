package org.gridrl.benchmarks.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The Python yardstick of a {@code gridrl bench} command, a picocli mixin with its two options:
 * {@code --yardstick FILE.py}, a script in ../shared/perf that times itself and prints a JSON
 * line with its microseconds per call under one field ({@code {"mlp_fwd_bwd_us": 512.3, ...}}),
 * and {@code --python EXE}. Each {@link #microseconds} call runs it once as a subprocess with one
 * BLAS thread ({@code OPENBLAS_NUM_THREADS}, {@code OMP_NUM_THREADS} and
 * {@code MKL_NUM_THREADS} = 1), as the Java side runs on the calling thread, and reads that
 * field.
 */
final class Yardstick {

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--yardstick", paramLabel = "FILE.py",
      description = "The numpy yardstick script (${COMMAND-NAME}_numpy.py), run once per round"
          + " with OPENBLAS_NUM_THREADS=1 on the same problem. Default: not run.")
  Path script;

  @Option(names = "--python", paramLabel = "EXE", defaultValue = "python3",
      description = "The Python interpreter for --yardstick (default python3).")
  String python;

  /**
   * A yardstick for a command that declares {@code --yardstick} and {@code --python} itself
   * (because its script is not {@code COMMAND_numpy.py}, which the mixin's help names).
   *
   * @param command the command, for its error messages
   * @param script the script, or null when not given
   * @param python the interpreter
   */
  static Yardstick of(CommandSpec command, Path script, String python) {
    Yardstick y = new Yardstick();
    y.command = command;
    y.script = script;
    y.python = python;
    return y;
  }

  /** Whether {@code --yardstick} was given. */
  boolean given() {
    return script != null;
  }

  /** Rejects a {@code --yardstick} that is not a file: "--yardstick FILE: no such file". */
  void check() {
    if (script != null && !Files.isRegularFile(script)) {
      throw new ParameterException(command.commandLine(),
          "--yardstick " + script + ": no such file");
    }
  }

  /**
   * Runs the script once with {@code args} after its path; the microseconds per call it prints
   * under {@code field}.
   *
   * @throws ParameterException when {@code --python} cannot be started
   * @throws IllegalStateException when the script exits non-zero or prints no such field; the
   *     message holds its output
   */
  double microseconds(String field, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.put("OPENBLAS_NUM_THREADS", "1");
    env.put("OMP_NUM_THREADS", "1");
    env.put("MKL_NUM_THREADS", "1");
    pb.redirectErrorStream(true);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new ParameterException(command.commandLine(), "--python " + python
          + ": cannot start it (" + e.getMessage() + ")");
    }
    String text;
    try (InputStream in = p.getInputStream()) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      in.transferTo(buf);
      text = buf.toString(StandardCharsets.UTF_8);
    }
    int code = p.waitFor();
    Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*([0-9.eE+-]+)")
        .matcher(text);
    if (code != 0 || !m.find()) {
      throw new IllegalStateException("the yardstick " + python + " " + script + " exited "
          + code + " without a \"" + field + "\" field; its output: " + text.strip());
    }
    return Double.parseDouble(m.group(1));
  }
}
