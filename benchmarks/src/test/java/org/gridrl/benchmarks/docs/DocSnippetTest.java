package org.gridrl.benchmarks.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.gridrl.benchmarks.experiments.Experiments;
import org.gridrl.benchmarks.exercises.GeneralizedAdvantage;
import org.gridrl.benchmarks.runner.Registry;
import org.gridrl.multitask.GradientCombiner;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every code block of README.md and docs/**&#47;*.md that can rot is compiled, run or parsed,
 * so a renamed class, method or option fails the build. The convention, by info string:
 * <ul>
 *   <li><code>```java</code> holding a public top-level type with
 *       {@code public static void main(String[] args)}: a <b>complete program</b>. It is
 *       compiled in-process (javax.tools) against the test classpath and its {@code main} run;
 *       when the paragraph after the block begins with "prints", every backticked span in it
 *       must occur in the output in order ({@code ...} matches anything, whitespace runs count
 *       as one space), and when that paragraph ends with ':' and a bare or {@code text} block
 *       follows, so must each non-blank line of that block. Programs in the docs keep their
 *       budgets small (well under a few seconds each).</li>
 *   <li><code>```java</code> with imports or a top-level type but no {@code main} (a class for
 *       the reader to complete, say): a <b>compilation unit</b>, compiled as one file.</li>
 *   <li><code>```java</code> with neither: a <b>signature</b>, method declarations as
 *       an interface declares them (the exercises' pages, a kernel's shape), the last ';'
 *       optional. They are compiled as the members of an interface, and when the prose before
 *       the block names a gridrl type in backticks ({@code org.gridrl.benchmarks.exercises.
 *       GeneralizedAdvantage} or a unique simple name such as {@code GradientCombiner}; the
 *       last that resolves), each must be a public method of that type with the same
 *       parameter and return types.</li>
 *   <li><code>```java fragment</code>: a few statements shown for their shape, which need
 *       variables the page only describes. Not compiled; each {@code Type.method(} whose
 *       {@code Type} is a gridrl class must name a public method of that class.</li>
 *   <li>bare, {@code sh}, {@code bash}, {@code shell} and {@code console} blocks: each line
 *       that runs {@code gridrl} or {@code ./gridrl} (after an optional {@code $ } prompt and
 *       {@code VAR=value} assignments; {@code \} continues a line, {@code #} starts a comment)
 *       is parsed by the real command line ({@code Main.commandLine(...).parseArgs}, nothing
 *       runs), and {@code run NAME} must name an experiment of {@code gridrl list},
 *       {@code exercise show|check N} an exercise that exists.</li>
 * </ul>
 * Any other word after {@code java} in an info string is refused, so a typo does not silently
 * skip a block.
 */
class DocSnippetTest {

  private static final Path ROOT = moduleDir().getParent();
  private static final GridrlClasses CLASSES = new GridrlClasses(ROOT);

  /** The benchmarks module's directory (surefire's basedir). */
  private static Path moduleDir() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
        .toAbsolutePath();
  }

  private static List<DocBlock> allBlocks() {
    List<DocBlock> blocks = new ArrayList<>();
    for (Path page : DocBlock.pages(ROOT)) {
      blocks.addAll(DocBlock.read(ROOT, page));
    }
    return blocks;
  }

  @TestFactory
  Stream<DynamicTest> javaBlocks_compileRunAndPrintWhatTheDocsSay() {
    return allBlocks().stream().filter(b -> b.language().equals("java")).map(b ->
        DynamicTest.dynamicTest(b.where() + " " + kind(b), () -> check(b)));
  }

  private static String kind(DocBlock b) {
    if (b.modifiers().equals(List.of("fragment"))) {
      return "fragment";
    }
    if (!b.modifiers().isEmpty()) {
      return "unknown";
    }
    if (JavaSnippets.isProgram(b.body())) {
      return "program";
    }
    return JavaSnippets.isCompilationUnit(b.body()) ? "unit" : "signature";
  }

  private static void check(DocBlock b) {
    switch (kind(b)) {
      case "fragment" -> DocChecks.fragment(b, CLASSES);
      case "program" -> DocChecks.program(b);
      case "unit" -> DocChecks.unit(b);
      case "signature" -> DocChecks.signature(b, CLASSES);
      default -> throw new AssertionError(b.where() + ": unknown info string ```" + b.info()
          + " (use ```java for a program or a signature, ```java fragment for a fragment)");
    }
  }

  @TestFactory
  Stream<DynamicTest> gridrlCommandLines_parseAgainstTheRealCli() {
    Registry registry = Experiments.registry();
    List<DynamicTest> tests = new ArrayList<>();
    for (DocBlock b : allBlocks()) {
      for (String command : DocChecks.commandLines(b)) {
        tests.add(DynamicTest.dynamicTest(b.where() + " " + command,
            () -> DocChecks.parses(b.where(), command, registry)));
      }
    }
    return tests.stream();
  }

  @Test
  void docs_haveProgramsSignaturesAndCommands_soTheChecksAreNotVacuous() {
    List<DocBlock> blocks = allBlocks();
    long programs = blocks.stream().filter(b -> b.language().equals("java"))
        .filter(b -> kind(b).equals("program")).count();
    long commands = blocks.stream().mapToLong(b -> DocChecks.commandLines(b).size()).sum();
    // the README's three library examples at least, and the exercises' check commands
    assertThat(programs).isGreaterThanOrEqualTo(3);
    assertThat(commands).isGreaterThanOrEqualTo(5);
    // every exercise page's signature block resolves its interface from the prose before it
    List<DocBlock> exerciseSignatures = blocks.stream()
        .filter(b -> b.file().startsWith("docs/exercises/") && b.language().equals("java"))
        .toList();
    assertThat(exerciseSignatures).isNotEmpty();
    for (DocBlock b : exerciseSignatures) {
      assertThat(DocChecks.owner(b, CLASSES)).as(b.where()).isPresent();
    }
  }

  // ---- the checks themselves reject what they should ------------------------------------

  private static DocBlock block(String info, String before, String body, String after) {
    return new DocBlock("test.md", 1, info, body, before, after, null);
  }

  @Test
  void signature_ofTheExercisesInterface_isAccepted_andAWrongOneIsRejected() {
    String before = "`org.gridrl.benchmarks.exercises.GeneralizedAdvantage`:";
    String right = "double[] advantages(double[] rewards, double[] values, double[] nextValues,\n"
        + "    boolean[] terminated, boolean[] last, double gamma, double lambda);\n";
    assertThat(DocChecks.signature(block("java", before, right, ""), CLASSES))
        .isEqualTo(Optional.of(GeneralizedAdvantage.class));
    String dropped = right.replace("boolean[] last, ", "");
    assertThatThrownBy(() -> DocChecks.signature(block("java", before, dropped, ""), CLASSES))
        .hasMessageContaining("test.md:1: the block declares double[] advantages(double[],"
            + " double[], double[], boolean[], double, double)")
        .hasMessageContaining("does not have");
    String renamedType = right.replace("double[] rewards", "Rewards rewards");
    assertThatThrownBy(() -> DocChecks.signature(block("java", before, renamedType, ""),
        CLASSES)).hasMessageContaining("does not compile").hasMessageContaining("block line 1");
  }

  @Test
  void signature_bySimpleName_withoutTheFinalSemicolon_isAccepted() {
    DocBlock b = block("java", "## Gradient combiners (`GradientCombiner`)",
        "void combine(double[][] taskGradients, int numTasks, int dim, double[] out)\n", "");
    assertThat(DocChecks.signature(b, CLASSES)).isEqualTo(Optional.of(GradientCombiner.class));
  }

  @Test
  void unit_aSolutionSkeleton_compiles_andOneThatDoesNotImplementItsInterfaceFails() {
    String skeleton = "import org.gridrl.benchmarks.exercises.GeneralizedAdvantage;\n\n"
        + "public class MyGae implements GeneralizedAdvantage {\n"
        + "  @Override\n"
        + "  public double[] advantages(double[] rewards, double[] values, double[] nextValues,\n"
        + "      boolean[] terminated, boolean[] last, double gamma, double lambda) {\n"
        + "    return new double[rewards.length];\n"
        + "  }\n"
        + "}\n";
    DocBlock b = block("java", "", skeleton, "");
    assertThat(kind(b)).isEqualTo("unit");
    DocChecks.unit(b);
    DocBlock wrong = block("java", "", skeleton.replace("boolean[] last, ", ""), "");
    assertThatThrownBy(() -> DocChecks.unit(wrong)).hasMessageContaining("does not compile");
  }

  @Test
  void fragment_withAMethodThatDoesNotExist_isRejected() {
    String ok = "GradientVector.flattenTensors(grads, rows[k]);\nadam.step(g);\n";
    assertThat(DocChecks.fragment(block("java fragment", "", ok, ""), CLASSES)).isEqualTo(1);
    String renamed = "GradientVector.flattenAll(grads, rows[k]);\n";
    assertThatThrownBy(() -> DocChecks.fragment(block("java fragment", "", renamed, ""),
        CLASSES)).hasMessageContaining("GradientVector.flattenAll");
  }

  @Test
  void program_printsChecks_matchInOrderWithEllipses_andReportAMismatch() {
    DocBlock b = block("java", "", "", "prints `40960 steps, ...` and `V(start): PPO\n15.5`.");
    assertThat(DocChecks.expectedOutput(b)).containsExactly("40960 steps, ...",
        "V(start): PPO 15.5");
    DocChecks.assertPrints(b, "40960 steps, return 99\nV(start):  PPO 15.5\n");
    assertThatThrownBy(() -> DocChecks.assertPrints(b, "V(start): PPO 15.5\n40960 steps, x\n"))
        .hasMessageContaining("test.md:1: the docs say the program prints `V(start): PPO");
    // after the first clause the spans are commentary (the README's `G` and `S` of the map)
    DocBlock map = block("java", "", "", "prints `converged: true` and the map: from `S` to `G`.");
    assertThat(DocChecks.expectedOutput(map)).containsExactly("converged: true");
  }

  @Test
  void commandLines_renamedOptionOrUnknownExperiment_failToParse() {
    Registry registry = Experiments.registry();
    DocBlock b = block("sh", "", "$ ./gridrl run quickstart --quick \\\n  --out 'my dir'  # c\n"
        + "mvn -B verify\nJAVA_OPTS=-Xmx4g gridrl meta gittins --alpha 1 --beta 1"
        + " --discount 0.9\n", "");
    List<String> commands = DocChecks.commandLines(b);
    assertThat(commands).containsExactly("./gridrl run quickstart --quick    --out 'my dir'  # c",
        "gridrl meta gittins --alpha 1 --beta 1 --discount 0.9");
    for (String c : commands) {
      DocChecks.parses("test.md:1", c, registry);
    }
    assertThat(DocChecks.shellWords("./gridrl run quickstart --out 'my dir'"))
        .containsExactly("./gridrl", "run", "quickstart", "--out", "my dir");
    assertThatThrownBy(() -> DocChecks.parses("test.md:1", "gridrl run quickstart --fast",
        registry)).hasMessageContaining("does not parse").hasMessageContaining("--fast");
    assertThatThrownBy(() -> DocChecks.parses("test.md:1", "gridrl run quikstart", registry))
        .hasMessageContaining("no experiment 'quikstart'");
    assertThatThrownBy(() -> DocChecks.parses("test.md:1",
        "gridrl exercise check 99 --class X", registry)).hasMessageContaining("no exercise 99");
  }
}
