package org.gridrl.benchmarks.exercises;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What the grader printed and returned for one solution, as the exercise tests read it. */
record Graded(Grader.Report report, List<String> lines) {

  /** Grades {@code solution} on the cases of {@code seed}, 10 s a case. */
  static <S> Graded grade(Exercise<S> e, S solution, long seed) {
    return grade(e, solution, seed, 10_000);
  }

  /** Grades {@code solution} on the cases of {@code seed} with a time limit per case. */
  static <S> Graded grade(Exercise<S> e, S solution, long seed, long limitMs) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Grader.Report r = Grader.grade(e, solution, seed, limitMs,
        new PrintStream(buf, true, StandardCharsets.UTF_8));
    return new Graded(r, buf.toString(StandardCharsets.UTF_8).lines().toList());
  }

  /** The first printed line containing {@code contains} (a case's name). */
  String caseLine(String contains) {
    return lines.stream().filter(l -> l.contains(contains)).findFirst().orElseThrow();
  }

  /** The last line, "score: k/n ...". */
  String score() {
    return lines.get(lines.size() - 1);
  }
}
