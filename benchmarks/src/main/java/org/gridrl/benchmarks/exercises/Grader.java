package org.gridrl.benchmarks.exercises;

import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Grades a solution of an {@link Exercise}: runs it on every case (each on a worker thread with
 * a time limit), compares with the library, prints one line per case (PASS or FAIL, the largest
 * error and where, or what went wrong) and a final score line. A solution that throws, returns
 * the wrong shape, returns NaN or runs past the limit fails that case with a one-line
 * explanation; the grader itself never prints a stack trace.
 */
public final class Grader {

  /** The default time limit per case. */
  public static final long DEFAULT_LIMIT_MS = 10_000;

  /**
   * A grading's result.
   *
   * @param verdicts one per case, in order
   */
  public record Report(List<Verdict> verdicts) {

    /** The number of cases passed. */
    public int passed() {
      return (int) verdicts.stream().filter(Verdict::passed).count();
    }

    /** Whether every case passed. */
    public boolean allPassed() {
      return passed() == verdicts.size();
    }
  }

  /** A solution class that cannot be graded: not found, wrong type, cannot be constructed. */
  public static final class LoadException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    LoadException(String message) {
      super(message);
    }
  }

  private Grader() {
  }

  /**
   * Loads and instantiates {@code className} (public, with a public no-argument constructor),
   * from {@code classpath} (a directory or jar; null for the grader's own class path).
   *
   * @throws LoadException naming the class and what is wrong with it
   */
  public static <S> S load(Exercise<S> exercise, String className, Path classpath) {
    ClassLoader parent = Grader.class.getClassLoader();
    ClassLoader loader = parent;
    if (classpath != null) {
      if (!Files.exists(classpath)) {
        throw new LoadException("--classpath " + classpath + ": no such directory or jar");
      }
      try {
        loader = new URLClassLoader(new URL[] {classpath.toUri().toURL()}, parent);
      } catch (MalformedURLException e) {
        throw new LoadException("--classpath " + classpath + ": not a usable path");
      }
    }
    Class<?> c;
    try {
      c = Class.forName(className, true, loader);
    } catch (ClassNotFoundException | NoClassDefFoundError e) {
      throw new LoadException("class " + className + " not found"
          + (classpath == null ? "" : " in " + classpath) + " (compile it with: javac -cp"
          + " gridrl.jar -d DIR " + className.substring(className.lastIndexOf('.') + 1)
          + ".java, then pass --classpath DIR)");
    } catch (LinkageError e) {
      throw new LoadException("class " + className + " cannot be loaded: " + describe(
          e.getCause() == null ? e : e.getCause()));
    }
    String api = exercise.api().getSimpleName();
    if (!exercise.api().isAssignableFrom(c)) {
      throw new LoadException(className + " does not implement " + api + " (exercise "
          + exercise.number() + ": class " + c.getSimpleName() + " implements "
          + exercise.api().getName() + ")");
    }
    if (!Modifier.isPublic(c.getModifiers()) || Modifier.isAbstract(c.getModifiers())) {
      throw new LoadException(className + " must be a public, non-abstract class");
    }
    try {
      Constructor<?> ctor = c.getConstructor();
      return exercise.api().cast(ctor.newInstance());
    } catch (NoSuchMethodException e) {
      throw new LoadException(className + " needs a public constructor without arguments");
    } catch (InvocationTargetException e) {
      throw new LoadException(className + "'s constructor threw " + describe(e.getCause()));
    } catch (ReflectiveOperationException e) {
      throw new LoadException(className + " cannot be instantiated: " + describe(e));
    }
  }

  /**
   * Grades {@code solution} on the cases of {@code seed}, printing a line per case and the
   * score to {@code out}.
   *
   * @param limitMs the time limit per case, in milliseconds
   */
  public static <S> Report grade(Exercise<S> exercise, S solution, long seed, long limitMs,
      PrintStream out) {
    List<Exercise.Case<S>> cases = exercise.cases().apply(seed);
    List<Verdict> verdicts = new ArrayList<>();
    ExecutorService worker = newWorker();
    int width = String.valueOf(cases.size()).length();
    try {
      for (int i = 0; i < cases.size(); i++) {
        Exercise.Case<S> c = cases.get(i);
        Future<Verdict> f = worker.submit(() -> c.check().apply(solution));
        Verdict v;
        try {
          v = f.get(limitMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          f.cancel(true);
          worker.shutdownNow();
          worker = newWorker(); // the stuck thread is a daemon and is left behind
          v = Verdict.broken("did not finish within " + limitMs + " ms (an endless loop?)");
        } catch (ExecutionException e) {
          v = Verdict.broken("threw " + describe(e.getCause()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          v = Verdict.broken("interrupted");
        }
        verdicts.add(v);
        out.println(String.format(Locale.ROOT, "case %" + width + "d/%d  %-4s  %s: %s", i + 1,
            cases.size(), v.passed() ? "PASS" : "FAIL", c.name(), v.message()));
        out.flush();
      }
    } finally {
      worker.shutdownNow();
    }
    Report report = new Report(verdicts);
    out.println(String.format(Locale.ROOT, "score: %d/%d cases passed (exercise %d, %s)",
        report.passed(), verdicts.size(), exercise.number(), exercise.title()));
    out.flush();
    return report;
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "exercise-solution");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * One line for a student's exception: its type, message and the first stack frame outside
   * the JDK (the student's file and line, where their code threw or called the JDK).
   */
  static String describe(Throwable t) {
    String where = "";
    for (StackTraceElement e : t.getStackTrace()) {
      String cls = e.getClassName();
      if (!cls.startsWith("java.") && !cls.startsWith("jdk.") && !cls.startsWith("sun.")) {
        where = " at " + e.getFileName() + ":" + e.getLineNumber();
        break;
      }
    }
    String msg = t.getMessage() == null ? "" : ": " + t.getMessage().lines().findFirst()
        .orElse("");
    return t.getClass().getSimpleName() + msg + where;
  }
}
