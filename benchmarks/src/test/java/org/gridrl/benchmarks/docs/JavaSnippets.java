package org.gridrl.benchmarks.docs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a documentation snippet with the JDK's compiler, in-process, against the test
 * classpath (every gridrl module and its libraries), and runs a program's {@code main} with its
 * standard output captured.
 */
final class JavaSnippets {

  private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();
  private static final Pattern PUBLIC_TYPE =
      Pattern.compile("(?m)^public\\s+(?:final\\s+)?(?:class|record|interface|enum)\\s+(\\w+)");
  private static final Pattern TOP_LEVEL_TYPE = Pattern.compile("(?m)^(?:import\\s|package\\s|"
      + "(?:(?:public|final|abstract|sealed)\\s+)*(?:class|record|interface|enum)\\s+\\w+)");
  private static final Pattern MAIN =
      Pattern.compile("public\\s+static\\s+void\\s+main\\s*\\(\\s*String\\s*(\\[\\]\\s*\\w+|"
          + "\\.\\.\\.\\s*\\w+|\\w+\\s*\\[\\])\\s*\\)");

  private JavaSnippets() {
  }

  /** Whether the block is a whole program: a public top-level type with a {@code main}. */
  static boolean isProgram(String body) {
    return PUBLIC_TYPE.matcher(body).find() && MAIN.matcher(body).find();
  }

  /**
   * Whether the block is a compilation unit: it starts a line with an import, or declares a
   * top-level type (unindented), as a program does and a list of method signatures does not.
   */
  static boolean isCompilationUnit(String body) {
    return TOP_LEVEL_TYPE.matcher(body).find();
  }

  /** The name of the block's first public top-level type. */
  static String publicTypeName(String body) {
    Matcher m = PUBLIC_TYPE.matcher(body);
    if (!m.find()) {
      throw new IllegalArgumentException("no public top-level type");
    }
    return m.group(1);
  }

  /** The test classpath: surefire's when run by Maven, else the JVM's. */
  static String classpath() {
    return System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
  }

  /**
   * Compiles one source file of the default package into a new directory and returns a class
   * loader over it (its parent is the test's loader, so gridrl's classes are shared).
   *
   * @param where the block's place, for the message of a failed compile
   * @param typeName the public top-level type, which names the file
   * @param source the whole file
   * @param bodyLine the source line of the block's first line (a wrapper adds lines), 1-based
   */
  static URLClassLoader compile(String where, String typeName, String source, int bodyLine) {
    try {
      Path out = Files.createTempDirectory("gridrl-doc-snippet");
      out.toFile().deleteOnExit();
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      try (StandardJavaFileManager files =
          JAVAC.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
        JavaFileObject unit = new SimpleJavaFileObject(
            URI.create("string:///" + typeName + ".java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
          }
        };
        List<String> options = List.of("-classpath", classpath(), "-d", out.toString(),
            "-proc:none", "-Xlint:none", "-encoding", "UTF-8");
        boolean ok = JAVAC.getTask(null, files, diagnostics, options, null, List.of(unit))
            .call();
        if (!ok) {
          String errors = diagnostics.getDiagnostics().stream()
              .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
              .map(d -> "  block line " + (d.getLineNumber() - bodyLine + 1) + ": "
                  + d.getMessage(Locale.ROOT))
              .collect(Collectors.joining("\n"));
          throw new AssertionError(where + ": the java block does not compile\n" + errors);
        }
      }
      return new URLClassLoader(new URL[] {out.toUri().toURL()},
          JavaSnippets.class.getClassLoader());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code main(new String[0])} of a compiled program; returns what it printed. */
  static String run(String where, URLClassLoader loader, String typeName) {
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      Method main = loader.loadClass(typeName).getMethod("main", String[].class);
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      main.invoke(null, (Object) new String[0]);
    } catch (InvocationTargetException e) {
      throw new AssertionError(where + ": main threw " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(where + ": cannot run main of " + typeName, e);
    } finally {
      System.setOut(saved);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }
}
