package org.gridrl.benchmarks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad option value or file: exit code 2, exactly one line on stderr that names the option
 * or the file (and line), nothing on stdout, no stack trace.
 */
class CliErrorTest {

  @TempDir
  static Path tmp;

  private static Path file(String name, String text) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  static Stream<Arguments> badInvocations() throws IOException {
    String ok = file("ok.mdp", "states 1\nactions 1\ngamma 0.5\ntransition 0 0 0 1\n").toString();
    String rowSum = file("rowsum.mdp",
        "states 2\nactions 1\ngamma 0.5\ntransition 0 0 1 1\ntransition 1 0 1 0.5\n").toString();
    String keyword = file("keyword.mdp", "states 2\nactions 1\nfoo 3\n").toString();
    String badMap = file("bad-map.txt", "#####\n#S.?#\n#..G#\n#####\n").toString();
    List<Arguments> cases = new ArrayList<>();
    cases.add(Arguments.of(List.of("solve", "--map", "fourrooms", "--temperature", "-1"),
        "--temperature must be finite and > 0, got -1.0"));
    cases.add(Arguments.of(List.of("solve", "--map", "fourrooms", "--temperature", "abc"),
        "--temperature"));
    cases.add(Arguments.of(List.of("solve", "--map", "fourrooms", "--tolerance", "0"),
        "--tolerance must be"));
    cases.add(Arguments.of(List.of("solve", "--map", "fourrooms", "--max-iterations", "0"),
        "--max-iterations must be >= 1, got 0"));
    cases.add(Arguments.of(List.of("solve", "--map", "fourrooms", "--horizon", "0"),
        "--horizon must be >= 1, got 0"));
    cases.add(Arguments.of(List.of("solve", "--map", "fourrooms", "--slip", "1.5"),
        "--slip must be in [0, 1], got 1.5"));
    cases.add(Arguments.of(List.of("solve", "--map", "fourrooms", "--actions", "3"),
        "--actions must be 4 or 5, got 3"));
    cases.add(Arguments.of(List.of("solve", "--map", "fourrooms", "--gamma", "1"),
        "--gamma must be in [0, 1), got 1.0"));
    cases.add(Arguments.of(List.of("solve", "--mdp", ok, "--gamma", "-0.1"), "--gamma"));
    cases.add(Arguments.of(List.of("solve", "--mdp", ok, "--gamma", "1.5"),
        "--gamma must be in [0, 1], got 1.5"));
    String undiscounted = file("undiscounted.mdp",
        "states 1\nactions 1\ngamma 1\ntransition 0 0 0 1\n").toString();
    cases.add(Arguments.of(List.of("solve", "--mdp", undiscounted), undiscounted
        + " has gamma 1, and a discounted solve needs gamma < 1 (with gamma = 1 the sum of"
        + " rewards over an infinite horizon need not converge): give --horizon H"));
    cases.add(Arguments.of(List.of("solve", "--mdp", ok, "--gamma", "1"),
        "has gamma 1, and a discounted solve needs gamma < 1"));
    cases.add(Arguments.of(List.of("solve", "--map", "fourrooms", "--discount", "0.5"),
        "--discount applies to a finite-horizon solve (--horizon H)"));
    cases.add(Arguments.of(List.of("solve", "--map", "fourrooms", "--horizon", "3",
        "--discount", "1.5"), "--discount must be in [0, 1], got 1.5"));
    cases.add(Arguments.of(List.of("solve", "--mdp", ok, "--slip", "0.1"),
        "--slip applies to --map only"));
    cases.add(Arguments.of(List.of("solve", "--map", "no-such-map"),
        "--map: no such file or bundled map: 'no-such-map'"));
    cases.add(Arguments.of(List.of("solve", "--mdp", tmp.resolve("missing.mdp").toString()),
        "missing.mdp"));
    cases.add(Arguments.of(List.of("solve", "--mdp", rowSum), rowSum + ":5:"));
    cases.add(Arguments.of(List.of("solve", "--mdp", keyword), keyword + ":3:"));
    cases.add(Arguments.of(List.of("render", "--map", badMap), badMap));
    cases.add(Arguments.of(List.of("solve"), "--mdp"));
    cases.add(Arguments.of(List.of("solve", "--mdp", ok, "--map", "fourrooms"),
        "mutually exclusive"));
    cases.add(Arguments.of(List.of("render"), "--map"));
    cases.add(Arguments.of(List.of("run", "no-such-experiment"),
        "unknown experiment 'no-such-experiment'; known: quickstart, "));
    String unknownField = file("unknown-field.json", "{\n  \"gama\": 0.9\n}").toString();
    cases.add(Arguments.of(List.of("run", "quickstart", "--config", unknownField),
        "--config " + unknownField + ":2:3: unknown field 'gama' in the config of quickstart;"
            + " known: map, slip, gamma,"));
    String badValue = file("bad-value.json", "{\"slip\": 2}").toString();
    cases.add(Arguments.of(List.of("run", "quickstart", "--config", badValue),
        "--config " + badValue + ":1:2: slip must be in [0, 1], got 2.0"));
    cases.add(Arguments.of(List.of("run", "quickstart", "--config",
        tmp.resolve("missing.json").toString()), "--config: no such file: "));
    String badPlanning = file("bad-planning.json", "{\"planning\": {\"temperature\": -1}}")
        .toString();
    cases.add(Arguments.of(List.of("run", "quickstart", "--config", badPlanning),
        "--config " + badPlanning + ":1:15: temperature must be finite and > 0, got -1.0"));
    cases.add(Arguments.of(List.of("run", "quickstart", "--seeds", "1,x"), "--seeds"));
    cases.add(Arguments.of(List.of("run", "quickstart", "--seeds", "4,4"),
        "--seeds: seeds must be distinct, got 4 twice"));
    String aFile = file("a-file", "x").toString();
    cases.add(Arguments.of(List.of("run", "quickstart", "--quick", "--out", aFile), aFile));
    cases.add(Arguments.of(List.of("solve", "--map", "open5", "--out", aFile), aFile));
    cases.add(Arguments.of(List.of("solve", "--map", "open5", "--kernel", "dense"),
        "--kernel must be auto, csr or grid, got 'dense'"));
    cases.add(Arguments.of(List.of("solve", "--map", "open5", "--solver", "newton"),
        "--solver must be jacobi or fast, got 'newton'"));
    cases.add(Arguments.of(List.of("solve", "--map", "open5", "--threads", "0"),
        "--threads must be >= 1, got 0"));
    String notGrid = rowSumOk();
    String notGridMessage = "--kernel grid needs uniform-slip dynamics (each action leads to one"
        + " next state, or with one slip probability for the whole MDP to the next state of a"
        + " uniformly drawn action), and " + notGrid + " is not of that kind: use --kernel auto"
        + " or csr";
    cases.add(Arguments.of(List.of("solve", "--mdp", notGrid, "--kernel", "grid"),
        notGridMessage));
    // the finite-horizon solve refuses it the same way (it used the CSR kernel silently before)
    cases.add(Arguments.of(List.of("solve", "--mdp", notGrid, "--kernel", "grid", "--horizon",
        "3"), notGridMessage));
    // a discounted solve's options with --horizon: backward induction has no sweeps
    String exact = " applies to a discounted solve only (a --horizon solve is exact after H"
        + " backward steps)";
    cases.add(Arguments.of(List.of("solve", "--map", "open5", "--horizon", "5", "--tolerance",
        "1e-6"), "--tolerance" + exact));
    cases.add(Arguments.of(List.of("solve", "--map", "open5", "--horizon", "5",
        "--max-iterations", "9"), "--max-iterations" + exact));
    cases.add(Arguments.of(List.of("render", "--map", "open5", "--horizon", "5", "--solver",
        "fast"), "--solver" + exact));
    // the map options with an MDP file
    cases.add(Arguments.of(List.of("solve", "--mdp", ok, "--actions", "5"),
        "--actions applies to --map only (an --mdp file has its own actions)"));
    cases.add(Arguments.of(List.of("solve", "--mdp", ok, "--goal-reward", "5"),
        "--goal-reward applies to --map only (an --mdp file has its own rewards)"));
    cases.add(Arguments.of(List.of("solve", "--mdp", ok, "--step-reward", "0"),
        "--step-reward applies to --map only (an --mdp file has its own rewards)"));
    // render takes maps only: --mdp is not one of its options
    cases.add(Arguments.of(List.of("render", "--map", "open5", "--mdp", ok), "--mdp"));
    cases.add(Arguments.of(List.of("bench", "softvi", "--mdp", ok, "--seed", "3"),
        "--seed applies to the NxN benchmark grid only (an --mdp file has its own rewards)"));
    cases.add(Arguments.of(List.of("bench", "softvi", "--mdp", notGrid, "--kernel", "grid"),
        "--kernel grid needs uniform-slip dynamics, and " + notGrid + " is not of that kind:"
            + " time --kernel csr"));
    cases.add(Arguments.of(List.of("frobnicate"), "unknown command 'frobnicate'"));
    cases.add(Arguments.of(List.of("solve", "--map", "fourrooms", "--bogus"), "--bogus"));
    return cases.stream();
  }

  /** A valid MDP whose dynamics are not uniform-slip (so the grid kernel cannot take it). */
  private static String rowSumOk() throws IOException {
    return file("not-grid.mdp", "states 2\nactions 2\ngamma 0.5\ntransition 0 0 1 0.7\n"
        + "transition 0 0 0 0.3\ntransition 0 1 0 1\ntransition 1 0 0 1\n"
        + "transition 1 1 1 0.4\ntransition 1 1 0 0.6\n").toString();
  }

  @ParameterizedTest
  @MethodSource("badInvocations")
  void badOptionOrFile_exits2_withOneLineNamingIt(List<String> args, String expected) {
    CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));

    assertThat(r.exitCode()).as("exit code of %s", args).isEqualTo(2);
    assertThat(r.out()).as("stdout of %s", args).isEmpty();
    assertThat(r.err().lines().toList()).as("stderr of %s", args).hasSize(1);
    assertThat(r.err()).startsWith("gridrl: ").contains(expected)
        .doesNotContain("Exception").doesNotContain("at org.").doesNotContain("at java.");
  }

  @Test
  void badMap_namesFileRowAndColumn() throws IOException {
    Path map = file("bad-map2.txt", "#####\n#S.?#\n#..G#\n#####\n");
    CliRunner.Result r = CliRunner.run("solve", "--map", map.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains(map + ":2:4"); // file:row:column of the '?'
    assertThat(r.err().lines().count()).isEqualTo(1);
  }

  @Test
  void unknownExperiment_listsTheKnownOnes() {
    CliRunner.Result r = CliRunner.run("run", "nope");
    assertThat(r.err().strip()).isEqualTo("gridrl: unknown experiment 'nope'; known: "
        + String.join(", ", org.gridrl.benchmarks.experiments.Experiments.registry().names()));
  }
}
