package org.gridrl.benchmarks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridrl exercise}: list, show (the docs page, packaged in the jar), and check on a
 * student's class compiled as the page says (javac against gridrl's classes, --classpath DIR):
 * exit 0 for a correct one, 1 for a wrong one (the failing case named), 2 for a class that
 * cannot be loaded.
 */
class ExerciseCommandTest {

  private static Path compile(Path dir, String name, String body) throws Exception {
    Path src = dir.resolve(name + ".java");
    Files.writeString(src, "import org.gridrl.benchmarks.exercises.SoftBellmanBackup;\n"
        + "public class " + name + " implements SoftBellmanBackup {\n" + body + "\n}\n");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    int rc = javac.run(null, null, null, "-cp", System.getProperty("java.class.path"), "-d",
        out.toString(), src.toString());
    assertThat(rc).isZero();
    return out;
  }

  @Test
  void list_andShow_printTheExercisesAndTheirStatements() {
    CliRunner.Result list = CliRunner.run("exercise", "list");
    assertThat(list.exitCode()).isZero();
    assertThat(list.out()).contains("SoftBellmanBackup").contains("01-soft-bellman-backup.md")
        .contains("DiscountedVisitation");
    CliRunner.Result show = CliRunner.run("exercise", "show", "1");
    assertThat(show.exitCode()).isZero();
    assertThat(show.out()).startsWith("# Exercise 1: the soft Bellman backup")
        .contains("gridrl exercise check 1");
    CliRunner.Result none = CliRunner.run("exercise", "show", "99");
    assertThat(none.exitCode()).isEqualTo(2);
    // all twelve of the exercises, in the lecture's order
    assertThat(none.err().strip()).isEqualTo("gridrl: no exercise 99 (there are 1, 2, 3, 4, 5, 6,"
        + " 7, 8, 9, 10, 11, 12; gridrl exercise list shows them)");
  }

  @Test
  void check_gradesACompiledStudentClass(@TempDir Path dir) throws Exception {
    Path good = compile(dir, "Mine", """
          public double[] backup(double[][][] p, double[][] r, boolean[] term, double g,
              double tau, double[] v) {
            double[] out = new double[p.length];
            for (int s = 0; s < p.length; s++) {
              if (term[s]) continue;
              double m = Double.NEGATIVE_INFINITY;
              double[] q = new double[p[s].length];
              for (int a = 0; a < q.length; a++) {
                double e = 0;
                for (int n = 0; n < p.length; n++) e += p[s][a][n] * v[n];
                q[a] = r[s][a] + g * e;
                m = Math.max(m, q[a]);
              }
              double z = 0;
              for (double x : q) z += Math.exp((x - m) / tau);
              out[s] = m + tau * Math.log(z);
            }
            return out;
          }""");
    CliRunner.Result ok = CliRunner.run("exercise", "check", "1", "--class", "Mine",
        "--classpath", good.toString(), "--seed", "7");
    assertThat(ok.exitCode()).as(ok.out()).isZero();
    List<String> lines = ok.out().strip().lines().toList();
    assertThat(lines.get(lines.size() - 1)).startsWith("score: 8/8 cases passed");
    assertThat(lines).filteredOn(l -> l.startsWith("case ")).hasSize(8)
        .allMatch(l -> l.contains(" PASS "));

    Path nan = compile(dir, "NanOnes", """
          public double[] backup(double[][][] p, double[][] r, boolean[] term, double g,
              double tau, double[] v) {
            double[] out = new double[p.length];
            java.util.Arrays.fill(out, 0.0 / 0.0);
            return out;
          }""");
    CliRunner.Result bad = CliRunner.run("exercise", "check", "1", "--class", "NanOnes",
        "--classpath", nan.toString());
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).isEmpty();
    assertThat(bad.out()).contains("case 1/8  FAIL  S=1 A=1 gamma=0 (one state, one action)"
        + " tau=1: V'(state 0) is NaN, expected ").contains("score: 0/8 cases passed");
  }

  @Test
  void check_aClassThatCannotBeLoaded_isOneLine_exitTwo(@TempDir Path dir) throws Exception {
    CliRunner.Result missing = CliRunner.run("exercise", "check", "1", "--class", "Nope",
        "--classpath", dir.toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err().strip().lines()).hasSize(1);
    assertThat(missing.err()).contains("class Nope not found in " + dir);
    Path out = compile(dir, "Wrong", """
          public double[] backup(double[][][] p, double[][] r, boolean[] term, double g,
              double tau, double[] v) {
            return v;
          }""");
    CliRunner.Result wrongExercise = CliRunner.run("exercise", "check", "2", "--class",
        "Wrong", "--classpath", out.toString());
    assertThat(wrongExercise.exitCode()).isEqualTo(2);
    assertThat(wrongExercise.err()).contains("Wrong does not implement DiscountedVisitation");
  }
}
