package org.gridrl.benchmarks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gridrl.core.mdp.MdpFormat;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.multitask.DistralConfig;
import org.gridrl.multitask.DistralResult;
import org.gridrl.multitask.DistralTabular;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridrl multitask distral}: the files hold the library's numbers bit for bit, and a bad
 * input is one line, exit code 2 and no file.
 */
class DistralCommandTest {

  /** Task A: 3 states on a line, reward at the right end; slip 0.2. */
  private static final String A = """
      states 3
      actions 2
      gamma 0.9
      init 0.2 0.5 0.3
      reward 2 0 1
      reward 2 1 1
      transition 0 0 0 1
      transition 0 1 1 0.8
      transition 0 1 0 0.2
      transition 1 0 0 0.8
      transition 1 0 1 0.2
      transition 1 1 2 0.8
      transition 1 1 1 0.2
      transition 2 0 1 0.8
      transition 2 0 2 0.2
      transition 2 1 2 1
      """;

  /** Task B: the same states, reward at the left end, deterministic moves, γ = 0.8. */
  private static final String B = """
      states 3
      actions 2
      gamma 0.8
      init 0 1 0
      reward 0 0 1
      reward 0 1 1
      transition 0 0 0 1
      transition 0 1 1 1
      transition 1 0 0 1
      transition 1 1 2 1
      transition 2 0 1 1
      transition 2 1 2 1
      """;

  /** Four states: refused beside A. */
  private static final String FOUR = """
      states 4
      actions 2
      gamma 0.9
      init 1 0 0 0
      transition 0 0 0 1
      transition 0 1 0 1
      transition 1 0 1 1
      transition 1 1 1 1
      transition 2 0 2 1
      transition 2 1 2 1
      transition 3 0 3 1
      transition 3 1 3 1
      """;

  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static List<String> csv(TabularPolicy pi) {
    List<String> lines = new ArrayList<>();
    lines.add("state,action,probability");
    for (int s = 0; s < pi.numStates(); s++) {
      for (int a = 0; a < pi.numActions(); a++) {
        lines.add(s + "," + a + "," + pi.probability(s, a));
      }
    }
    return lines;
  }

  @Test
  void distral_twoTasks_writesTheLibrarysPriorAndPoliciesInMdpOrder() throws IOException {
    Path a = write("a.mdp", A);
    Path b = write("b.mdp", B);
    Path out = dir.resolve("out");
    CliRunner.Result r = CliRunner.run("multitask", "distral", "--mdp", b.toString(), "--mdp",
        a.toString(), "--alpha", "0.5", "--beta", "2", "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).contains("distral on 2 tasks: S = 3, A = 2, alpha = 0.5, beta = 2")
        .contains("converged after");

    TabularMdp taskB = MdpFormat.read(b);
    TabularMdp taskA = MdpFormat.read(a);
    DistralResult lib = DistralTabular.train(List.of(taskB, taskA),
        DistralConfig.defaults().withAlpha(0.5).withBeta(2));
    assertThat(lib.converged()).isTrue();
    // Double.toString is the shortest round-trip form too, so equal text means equal bits
    assertThat(Files.readAllLines(out.resolve("prior.csv"))).isEqualTo(csv(lib.prior()));
    assertThat(Files.readAllLines(out.resolve("task0/policy.csv")))
        .isEqualTo(csv(lib.policies().get(0)));
    assertThat(Files.readAllLines(out.resolve("task1/policy.csv")))
        .isEqualTo(csv(lib.policies().get(1)));
    // the order is --mdp's: task0 is B, whose goal is on the left
    assertThat(lib.policies().get(0).probability(1, 0)).isGreaterThan(0.5);
    assertThat(lib.policies().get(1).probability(1, 1)).isGreaterThan(0.5);
  }

  private void assertRefused(String expectedLine, String... args) throws IOException {
    Path out = dir.resolve("refused");
    List<String> all = new ArrayList<>(List.of("multitask", "distral"));
    all.addAll(List.of(args));
    all.addAll(List.of("--out", out.toString()));
    CliRunner.Result r = CliRunner.run(all.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
    assertThat(r.err()).contains(expectedLine);
    assertThat(r.out()).isEmpty();
    assertThat(out).doesNotExist();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("prior.csv");
    }
  }

  @Test
  void badInput_isOneLine_exitTwo_nothingWritten() throws IOException {
    String a = write("a.mdp", A).toString();
    String four = write("four.mdp", FOUR).toString();
    String bad = write("bad.mdp", A.replace("gamma 0.9", "gamma 0.9\nfoo 1")).toString();
    assertRefused("gridrl: --mdp " + four + " has S = 4 states and A = 2 actions, --mdp " + a
        + " has S = 3 and A = 2; Distral's tasks share states and actions",
        "--mdp", a, "--mdp", four, "--alpha", "0.5", "--beta", "2");
    assertRefused("--mdp " + dir.resolve("missing.mdp"),
        "--mdp", a, "--mdp", dir.resolve("missing.mdp").toString(), "--alpha", "0.5",
        "--beta", "2");
    assertRefused("--mdp " + bad + ":4:",
        "--mdp", a, "--mdp", bad, "--alpha", "0.5", "--beta", "2");
    assertRefused("gridrl: --alpha must be in [0, 1], got 1.5",
        "--mdp", a, "--mdp", a, "--alpha", "1.5", "--beta", "2");
    assertRefused("gridrl: --alpha must be in [0, 1], got -0.1",
        "--mdp", a, "--mdp", a, "--alpha", "-0.1", "--beta", "2");
    assertRefused("gridrl: --beta must be finite and > 0, got 0.0",
        "--mdp", a, "--mdp", a, "--alpha", "0.5", "--beta", "0");
    assertRefused("gridrl: --beta must be finite and > 0, got -1.0",
        "--mdp", a, "--mdp", a, "--alpha", "0.5", "--beta", "-1");
  }
}
