package org.gridrl.benchmarks.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gridrl.benchmarks.Main;
import org.gridrl.benchmarks.runner.Experiment;
import org.gridrl.benchmarks.runner.FakeExperiment;
import org.gridrl.benchmarks.runner.Registry;
import org.gridrl.benchmarks.runner.RunContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11's bad inputs, each through the whole command line: exit code 2, one line on stderr
 * that names the option, the file (and line) or the size, with the exact message; nothing on
 * stdout, and the output folder never created. Sizes that cannot fit the heap are refused at once
 * (the heap's figures are the machine's, so those messages are pinned up to them).
 */
class CliInputErrorTest {

  @TempDir
  static Path tmp;

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private static Path mdp;
  private static Path features;
  private static Path demos;

  @BeforeAll
  static void goodFiles() throws IOException {
    mdp = write("ok.mdp", "states 3\nactions 2\ngamma 0.9\ntransition 0 0 0 1\ntransition 0 1 1 1\n"
        + "transition 1 0 0 1\ntransition 1 1 2 1\ntransition 2 0 1 1\ntransition 2 1 2 1\n");
    features = write("f.csv", "state,near\n0,0\n1,0.5\n2,1\n");
    demos = write("d.csv", "trajectory,step,state,action\n0,0,0,1\n0,1,1,1\n0,2,2,1\n");
  }

  private static Path write(String name, String text) throws IOException {
    return write(name, new byte[0], text.getBytes(StandardCharsets.UTF_8), new byte[0]);
  }

  private static Path write(String name, byte[] body) throws IOException {
    return write(name, new byte[0], body, new byte[0]);
  }

  private static Path write(String name, byte[] head, byte[] body, byte[] tail)
      throws IOException {
    Path p = tmp.resolve(name);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(head);
    b.writeBytes(body);
    b.writeBytes(tail);
    Files.write(p, b.toByteArray());
    return p;
  }

  private static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static Path out(String name) {
    return tmp.resolve("out-" + name);
  }

  private static List<String> irl(String method, Path m, Path f, Path d, String... more) {
    List<String> args = new ArrayList<>(List.of("irl", method, "--mdp", m.toString(),
        "--features", f.toString(), "--demos", d.toString()));
    args.addAll(List.of(more));
    return args;
  }

  /** args (the last two are --out and the folder that must stay absent), the exact line. */
  static Stream<Arguments> badFiles() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    Path latin1Mdp = write("latin1.mdp", latin1("states 3\nactions 2\n# caf\u00e9\n"));
    cases.add(Arguments.of(List.of("solve", "--mdp", latin1Mdp.toString()),
        "--mdp " + latin1Mdp + ":3: not UTF-8 text (byte 0xE9 at column 6)"));
    Path elf = write("a.out", new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0}, new byte[0],
        new byte[0]);
    cases.add(Arguments.of(List.of("solve", "--mdp", elf.toString()),
        "--mdp " + elf + ":1: binary data, not text (byte 0x00 at column 8)"));
    Path utf16 = write("utf16.mdp", new byte[0],
        "states 1\n".getBytes(StandardCharsets.UTF_16), new byte[0]);
    cases.add(Arguments.of(List.of("solve", "--mdp", utf16.toString()),
        "--mdp " + utf16 + ":1: not UTF-8 text (it starts with bytes 0xFE 0xFF, the mark of"
            + " UTF-16 text; save it as UTF-8)"));
    Path missing = tmp.resolve("missing.mdp");
    cases.add(Arguments.of(irl("maxent", missing, features, demos),
        "--mdp " + missing + ": no such file"));
    Path badMap = write("latin1-map.txt", latin1("S..\n.\u00e9.\n..G\n"));
    cases.add(Arguments.of(List.of("solve", "--map", badMap.toString()),
        "--map " + badMap + ":2:2: not UTF-8 text (byte 0xE9 at column 2)"));
    cases.add(Arguments.of(List.of("render", "--map", badMap.toString()),
        "--map " + badMap + ":2:2: not UTF-8 text (byte 0xE9 at column 2)"));
    Path badFeatures = write("latin1-f.csv", latin1("state,caf\u00e9\n0,1\n"));
    cases.add(Arguments.of(irl("maxent", mdp, badFeatures, demos),
        "--features " + badFeatures + ":1: not UTF-8 text (byte 0xE9 at column 10)"));
    cases.add(Arguments.of(irl("maxent", mdp, tmp, demos),
        "--features " + tmp + ": is a directory"));
    Path gz = write("d.csv.gz", new byte[] {0x1F, (byte) 0x8B, 8, 0}, new byte[0], new byte[0]);
    cases.add(Arguments.of(irl("max-margin", mdp, features, gz),
        "--demos " + gz + ":1: not UTF-8 text (byte 0x8B at column 2)"));
    Path badRow = write("bad-row.csv", "state,near\n0,0\n1,x\n2,1\n");
    cases.add(Arguments.of(irl("maxent", mdp, badRow, demos),
        "--features " + badRow + ":3: feature near is not a number: 'x'"));
    Path latin1Config = write("latin1.json", latin1("{\n  \"map\": \"caf\u00e9\"\n}"));
    cases.add(Arguments.of(List.of("run", "quickstart", "--config", latin1Config.toString()),
        "--config " + latin1Config + ":2: not UTF-8 text (byte 0xE9 at column 14)"));
    Path zip = write("config.zip", new byte[] {'P', 'K', 3, 4, 20, 0}, new byte[0], new byte[0]);
    cases.add(Arguments.of(List.of("run", "quickstart", "--config", zip.toString()),
        "--config " + zip + ":1: binary data, not text (byte 0x00 at column 6)"));
    Path dup = write("dup.json", "{\"slip\": 0.1,\n \"gamma\": 0.9,\n \"slip\": 0.2}");
    cases.add(Arguments.of(List.of("run", "quickstart", "--config", dup.toString()),
        "--config " + dup + ":3:2: field 'slip' is given twice (first at line 1, column 2)"));
    Path nan = write("nan.json", "{\"slip\": NaN}");
    cases.add(Arguments.of(List.of("run", "quickstart", "--config", nan.toString()),
        "--config " + nan + ":1:10: NaN is not a JSON number (JSON has no NaN or infinity)"));
    Path floatInt = write("float-int.json", "{\"rolloutEpisodes\": 2.5}");
    cases.add(Arguments.of(List.of("run", "quickstart", "--config", floatInt.toString()),
        "--config " + floatInt + ":1:2: rolloutEpisodes: expected an integer, got 2.5"));
    Path comment = write("comment.json", "{\"slip\": 0.1 // less\n}");
    cases.add(Arguments.of(List.of("run", "quickstart", "--config", comment.toString()),
        "--config " + comment + ":1:14: comments are not allowed in JSON"));
    return cases.stream().map(a -> {
      @SuppressWarnings("unchecked")
      List<String> args = new ArrayList<>((List<String>) a.get()[0]);
      String name = "case" + Math.abs(args.hashCode());
      args.addAll(List.of("--out", out(name).toString()));
      return Arguments.of(args, a.get()[1], out(name));
    });
  }

  @ParameterizedTest
  @MethodSource("badFiles")
  void badFile_isOneLineNamingOptionFileAndLine_exit2_nothingWritten(List<String> args,
      String message, Path out) {
    CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
    assertThat(r.err()).as("stderr of %s", args).isEqualTo("gridrl: " + message
        + System.lineSeparator());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(out).doesNotExist();
  }

  // ------------------------------------------------------------------ byte-order marks

  @Test
  void byteOrderMarks_areSkipped_inEveryInput() throws IOException {
    Path m = write("bom.mdp", BOM, Files.readAllBytes(mdp), new byte[0]);
    Path f = write("bom-f.csv", BOM, Files.readAllBytes(features), new byte[0]);
    Path d = write("bom-d.csv", BOM, Files.readAllBytes(demos), new byte[0]);
    Path plain = out("bom-plain");
    Path marked = out("bom-marked");
    CliRunner.Result a = CliRunner.run(irl("maxent", mdp, features, demos, "--out",
        plain.toString()).toArray(String[]::new));
    CliRunner.Result b = CliRunner.run(irl("maxent", m, f, d, "--out", marked.toString())
        .toArray(String[]::new));
    assertThat(a.exitCode()).as(a.err()).isZero();
    assertThat(b.exitCode()).as(b.err()).isZero();
    for (String file : List.of("weights.csv", "reward.csv", "policy.csv")) {
      assertThat(Files.readString(marked.resolve(file)))
          .isEqualTo(Files.readString(plain.resolve(file)));
    }
    Path map = write("bom-map.txt", BOM, "S.#\n..G\n".getBytes(StandardCharsets.UTF_8),
        new byte[0]);
    CliRunner.Result s = CliRunner.run("solve", "--map", map.toString(), "--out",
        out("bom-map").toString());
    assertThat(s.exitCode()).as(s.err()).isZero();
    assertThat(s.out()).startsWith(map + ": 5 states, 4 actions");
  }

  // ------------------------------------------------------------------ sizes and the heap

  /** The heap part of a refusal, whatever the machine. */
  private static final String HEAP = "more than the [0-9.]+ (MB|GB) free in the Java heap"
      + " \\(at most [0-9.]+ GB\\)(; give Java more with JAVA_OPTS=-Xmx[0-9]+g"
      + "| and more than this machine's [0-9.]+ GB)";

  static Stream<Arguments> hugeSizes() throws IOException {
    Path billion = write("billion.mdp", "states 1000000000\nactions 1\ngamma 0.9\n");
    Path hundredMillion = write("1e8.mdp", "actions 1\nstates 100000000\ngamma 0.9\n");
    String fourRooms = "\\(a finite-horizon solve of 104 states and 4 actions\\)";
    String chain = "\\(a finite-horizon solve of 3 states and 2 actions\\)";
    return Stream.of(
        Arguments.of(List.of("solve", "--mdp", billion.toString()),
            Pattern.quote("--mdp " + billion + ":2: loading 1000000000 states with 1 action"
                + " each (lines 1 and 2) needs about 51.2 GB of memory, ") + HEAP),
        Arguments.of(List.of("solve", "--mdp", hundredMillion.toString()),
            Pattern.quote("--mdp " + hundredMillion + ":2: loading 100000000 states with 1"
                + " action each (lines 1 and 2) needs about 5.1 GB of memory, ") + HEAP),
        Arguments.of(List.of("solve", "--map", "fourrooms", "--horizon", "2000000000"),
            "--horizon 2000000000 " + fourRooms + " needs about 13.7 TB of memory, " + HEAP),
        Arguments.of(List.of("render", "--map", "fourrooms", "--horizon", "2000000000"),
            "--horizon 2000000000 " + fourRooms + " needs about 13.7 TB of memory, " + HEAP),
        Arguments.of(irl("maxent", mdp, features, demos, "--horizon", "2000000000"),
            "--horizon 2000000000 " + chain + " needs about 335 GB of memory, " + HEAP),
        Arguments.of(irl("max-margin", mdp, features, demos, "--horizon", "2000000000"),
            "--horizon 2000000000 " + chain + " needs about 216 GB of memory, " + HEAP),
        Arguments.of(List.of("bench", "softvi", "--size", "20000"),
            "--size 20000 \\(the open 20000x20000 grid, 400000000 states\\) needs about 23.5 GB"
                + " of memory, " + HEAP),
        Arguments.of(List.of("bench", "maxent", "--horizon", "100000"),
            "--horizon 100000 \\(a finite-horizon solve of 1024 states and 5 actions,"
                + " ObjectWorld 32x32\\) needs about 8.5 GB of memory, " + HEAP));
  }

  @ParameterizedTest
  @MethodSource("hugeSizes")
  void hugeSize_isRefusedWithinSeconds_namingItTheEstimateAndTheHeap(List<String> args,
      String pattern) {
    assumeTrue(Runtime.getRuntime().maxMemory() < 5L << 30, "the suite's -Xmx2g");
    List<String> withOut = new ArrayList<>(args);
    Path out = out("huge" + Math.abs(args.hashCode()));
    if (!args.get(0).equals("bench")) {
      withOut.addAll(List.of("--out", args.get(0).equals("render") ? out + ".png"
          : out.toString()));
    }
    long start = System.nanoTime();
    CliRunner.Result r = CliRunner.run(withOut.toArray(String[]::new));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(millis).as("time to refuse %s", args).isLessThan(5000);
    assertThat(r.err()).as("stderr of %s", args).matches("gridrl: " + pattern + "\\R");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(out).doesNotExist();
    assertThat(Path.of(out + ".png")).doesNotExist();
  }

  // ------------------------------------------------------------------ errors that escape

  @Test
  void outOfMemory_isOneLineWithTheWayOn_andItsTraceOnlyWithDebug() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int code = ErrorHandling.handle(new OutOfMemoryError("Java heap space"), err, false);
    String line = bytes.toString(StandardCharsets.UTF_8);
    assertThat(code).isEqualTo(1);
    assertThat(line).matches("gridrl: out of memory: the Java heap is full; (give Java more"
        + " than its [0-9.]+ (MB|GB) with JAVA_OPTS=-Xmx[0-9]+[mg]|the Java heap's [0-9.]+ GB"
        + " are about all this machine has)\\R");

    bytes.reset();
    code = ErrorHandling.handle(new OutOfMemoryError("Java heap space"), err, true);
    String debug = bytes.toString(StandardCharsets.UTF_8);
    assertThat(code).isEqualTo(1);
    assertThat(debug).startsWith(line).contains("java.lang.OutOfMemoryError: Java heap space")
        .contains("\tat ").doesNotContain("GRIDRL_DEBUG");
  }

  @Test
  void unexpectedError_hintsAtDebug_onlyWhenItIsOff() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ErrorHandling.handle(new IllegalStateException("broken"), err, false);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("gridrl: unexpected"
        + " IllegalStateException: broken (set GRIDRL_DEBUG=1 to see the stack trace)"
        + System.lineSeparator());
    bytes.reset();
    ErrorHandling.handle(new IllegalStateException("broken"), err, true);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("gridrl: unexpected"
        + " IllegalStateException: broken" + System.lineSeparator()
        + "java.lang.IllegalStateException: broken").doesNotContain("GRIDRL_DEBUG");
  }

  /** An experiment whose config runs the heap out, before the runner wraps anything. */
  private static final class Greedy implements Experiment<FakeExperiment.Config> {
    @Override
    public String name() {
      return "greedy";
    }

    @Override
    public String description() {
      return "runs out of memory";
    }

    @Override
    public Duration expectedRunTime(boolean quick) {
      return Duration.ofSeconds(1);
    }

    @Override
    public FakeExperiment.Config defaultConfig() {
      return quickConfig();
    }

    @Override
    public FakeExperiment.Config quickConfig() {
      throw new OutOfMemoryError("Java heap space");
    }

    @Override
    public void run(FakeExperiment.Config config, RunContext ctx) {
    }
  }

  @Test
  void outOfMemory_escapingTheCommandLine_isStillOneLine_exit1() {
    Registry registry = new Registry().register(new Greedy());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.execute(registry, new Io(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false), "run", "greedy", "--quick",
        "--out", out("greedy").toString());
    String line = err.toString(StandardCharsets.UTF_8);
    assertThat(code).isEqualTo(1);
    assertThat(line).startsWith("gridrl: out of memory: the Java heap is full; ")
        .doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(line.lines().count()).isEqualTo(1);
    assertThat(out("greedy")).doesNotExist();
  }
}
