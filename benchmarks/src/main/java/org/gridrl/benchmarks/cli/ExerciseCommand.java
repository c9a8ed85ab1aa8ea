package org.gridrl.benchmarks.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.gridrl.benchmarks.exercises.Exercise;
import org.gridrl.benchmarks.exercises.Exercises;
import org.gridrl.benchmarks.exercises.Grader;
import org.gridrl.benchmarks.report.TextTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gridrl exercise list | show N | check N --class C [--classpath DIR]}: the graded
 * exercises ({@link Exercises}). {@code check} grades a student's class with {@link Grader} and
 * exits 0 only when every case passes (1 otherwise); a class that cannot be loaded is one line,
 * exit 2.
 */
@Command(name = "exercise", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Graded exercises: list them, show one's statement, or check a solution"
        + " against the library on seeded random cases.")
public final class ExerciseCommand implements Runnable {

  @Spec
  CommandSpec spec;

  /** The command with its subcommands, writing to {@code io}. */
  public static CommandLine create(Io io) {
    CommandLine cmd = new CommandLine(new ExerciseCommand());
    cmd.addSubcommand("list", new ListExercises(io));
    cmd.addSubcommand("show", new Show(io));
    cmd.addSubcommand("check", new Check(io));
    return cmd;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "missing subcommand; subcommands: list, show, check");
  }

  static Exercise<?> exercise(int n) {
    return Exercises.byNumber(n).orElseThrow(() -> new UsageException("no exercise " + n
        + " (there are " + Exercises.all().stream().map(e -> String.valueOf(e.number()))
        .collect(Collectors.joining(", ")) + "; gridrl exercise list shows"
        + " them)"));
  }

  /** {@code gridrl exercise list}. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = "List the exercises: number, title, the interface to implement.")
  static final class ListExercises implements Callable<Integer> {
    private final Io io;

    ListExercises(Io io) {
      this.io = io;
    }

    @Override
    public Integer call() {
      TextTable t = new TextTable("N", "EXERCISE", "IMPLEMENT", "STATEMENT");
      for (Exercise<?> e : Exercises.all()) {
        t.row(String.valueOf(e.number()), e.title(), e.api().getName(),
            "docs/exercises/" + e.page());
      }
      t.print(io.out(), "");
      io.out().flush();
      return 0;
    }
  }

  /** {@code gridrl exercise show N}. */
  @Command(name = "show", mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = "Print exercise N's statement: the equation, what to implement, a hint,"
          + " how to check it.")
  static final class Show implements Callable<Integer> {
    private final Io io;

    @Parameters(paramLabel = "N", description = "The exercise's number.")
    int number;

    Show(Io io) {
      this.io = io;
    }

    @Override
    public Integer call() {
      io.out().print(Exercises.statement(exercise(number)));
      io.out().flush();
      return 0;
    }
  }

  /** {@code gridrl exercise check N --class C [--classpath DIR]}. */
  @Command(name = "check", mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class, sortOptions = false,
      description = {"Grade a solution of exercise N: run the class on seeded random cases"
          + " (sizes, temperatures, terminals, ties, ...) against the library's implementation"
          + " and print per case PASS or FAIL with the largest error and where, then the"
          + " score. Exit 0 only when every case passes, 1 otherwise.",
          "Compile the solution against the gridrl jar first, e.g. javac -cp gridrl.jar -d out"
              + " MySolution.java, then: gridrl exercise check 1 --class MySolution"
              + " --classpath out"})
  static final class Check implements Callable<Integer> {
    private final Io io;

    @Parameters(paramLabel = "N", description = "The exercise's number.")
    int number;

    @Option(names = "--class", paramLabel = "CLASS", required = true,
        description = "The solution's fully qualified class name (public, with a public"
            + " constructor without arguments).")
    String className;

    @Option(names = "--classpath", paramLabel = "DIR",
        description = "The directory (or jar) holding the compiled class (default: gridrl's"
            + " own class path).")
    Path classpath;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
        description = "Draws the random cases (default 1; any seed must pass).")
    long seed;

    @Option(names = "--time-limit", paramLabel = "MS", defaultValue = "10000",
        description = "Milliseconds each case may take (default 10000).")
    long limitMs;

    Check(Io io) {
      this.io = io;
    }

    @Override
    public Integer call() {
      if (limitMs < 1) {
        throw new UsageException("--time-limit must be >= 1, got " + limitMs);
      }
      return check(exercise(number));
    }

    private <S> int check(Exercise<S> e) {
      S solution = Grader.load(e, className, classpath);
      io.out().println("exercise " + e.number() + ": " + e.title() + ", " + className
          + ", seed " + seed);
      Grader.Report r = Grader.grade(e, solution, seed, limitMs, io.out());
      return r.allPassed() ? 0 : 1;
    }
  }
}
