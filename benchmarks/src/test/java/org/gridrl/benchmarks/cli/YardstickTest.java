package org.gridrl.benchmarks.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

class YardstickTest {

  @TempDir
  Path dir;

  /** A command that only mixes the yardstick in. */
  @Command(name = "probe", mixinStandardHelpOptions = true)
  static final class Probe implements Runnable {
    @Mixin
    Yardstick numpy;

    @Override
    public void run() {
    }
  }

  /** The mixin after parsing {@code args} as the probe command's options. */
  private static Yardstick parsed(String... args) {
    Probe probe = new Probe();
    new CommandLine(probe).parseArgs(args);
    return probe.numpy;
  }

  private Path script(String text) throws Exception {
    Path p = dir.resolve("yardstick.py");
    Files.writeString(p, text);
    return p;
  }

  @Test
  void microseconds_runsTheScriptOnOneBlasThread_withItsArguments_andReadsTheField()
      throws Exception {
    Path p = script("import os, sys, json\n"
        + "for v in ('OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS'):\n"
        + "    assert os.environ[v] == '1', v\n"
        + "assert sys.argv[1:] == ['a.mdp', '8'], sys.argv\n"
        + "print('warming up')\n"
        + "print(json.dumps({'other_us': 1.0, 'it_us': 1.25e3}))\n");
    Yardstick y = parsed("--yardstick", p.toString());
    y.check();
    assertThat(y.given()).isTrue();
    assertThat(y.python).isEqualTo("python3");
    assertThat(y.microseconds("it_us", "a.mdp", "8")).isEqualTo(1250.0);
  }

  @Test
  void noOption_isNotGiven_andAMissingFileIsAnOptionError() {
    Yardstick none = parsed();
    none.check();
    assertThat(none.given()).isFalse();
    Path missing = dir.resolve("nope.py");
    assertThatThrownBy(parsed("--yardstick", missing.toString())::check)
        .isInstanceOf(ParameterException.class)
        .hasMessage("--yardstick " + missing + ": no such file");
  }

  @Test
  void failingOrSilentScript_namesTheFieldAndShowsItsOutput() throws Exception {
    Yardstick silent = parsed("--yardstick", script("print('no numbers here')\n").toString());
    assertThatThrownBy(() -> silent.microseconds("it_us"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exited 0 without a \"it_us\" field; its output: no numbers here");
    Yardstick failing = parsed("--yardstick",
        script("print('{\"it_us\": 3.0}')\nraise SystemExit(3)\n").toString());
    assertThatThrownBy(() -> failing.microseconds("it_us"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exited 3 without a \"it_us\" field");
  }

  @Test
  void pythonThatCannotStart_isAnOptionError() throws Exception {
    Path python = dir.resolve("no-python");
    Yardstick y = parsed("--yardstick", script("print(1)\n").toString(),
        "--python", python.toString());
    assertThatThrownBy(() -> y.microseconds("it_us"))
        .isInstanceOf(ParameterException.class)
        .hasMessageStartingWith("--python " + python + ": cannot start it (");
  }

  @Test
  void help_namesEachCommandsScript() {
    assertThat(new CommandLine(new BenchMlpCommand()).getUsageMessage())
        .contains("--yardstick=FILE.py", "(mlp_numpy.py)", "--python=EXE");
    assertThat(new CommandLine(new BenchMaxEntCommand()).getUsageMessage())
        .contains("(maxent_numpy.py)");
  }
}
