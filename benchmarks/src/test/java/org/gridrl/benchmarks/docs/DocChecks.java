package org.gridrl.benchmarks.docs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.gridrl.benchmarks.Main;
import org.gridrl.benchmarks.cli.Io;
import org.gridrl.benchmarks.exercises.Exercises;
import org.gridrl.benchmarks.runner.Registry;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The checks behind {@link DocSnippetTest}, one per kind of block (the convention is in that
 * class's javadoc). Each throws an {@link AssertionError} naming the block's file and line.
 */
final class DocChecks {

  private static final Pattern BACKTICKED = Pattern.compile("`([^`\n]+)`");
  private static final Pattern STATIC_USE = Pattern.compile("\\b([A-Z]\\w*)\\.([a-z]\\w*)\\s*\\(");
  private static final Set<String> SHELL_LANGUAGES = Set.of("", "sh", "bash", "shell", "console");

  private DocChecks() {
  }

  // ---- complete programs --------------------------------------------------------------------

  /** Compiles and runs a program block, then checks what it prints against the docs. */
  static void program(DocBlock block) {
    String type = JavaSnippets.publicTypeName(block.body());
    try (URLClassLoader loader = JavaSnippets.compile(block.where(), type, block.body(), 1)) {
      String out = JavaSnippets.run(block.where(), loader, type);
      assertPrints(block, out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * What the docs say a program prints: when the paragraph after the block begins with
   * "prints", each backticked span of its first clause (up to the first '.' or ':' outside
   * backticks that is followed by white space or ends the paragraph: what comes after is
   * commentary, whose spans may be names); and when that paragraph ends with ':' and a bare or
   * {@code text} block follows it, each non-blank line of that block. Each must occur in the
   * output, in order, whitespace runs counting as one space and {@code ...} as any text.
   */
  static List<String> expectedOutput(DocBlock block) {
    List<String> expected = new ArrayList<>();
    String after = block.after().trim();
    if (!after.startsWith("prints")) {
      return expected;
    }
    Matcher m = BACKTICKED.matcher(firstClause(after.replace('\n', ' ')));
    while (m.find()) {
      expected.add(m.group(1));
    }
    DocBlock next = block.next();
    if (after.endsWith(":") && next != null
        && (next.info().isEmpty() || next.info().equals("text"))) {
      next.body().lines().filter(l -> !l.isBlank()).forEach(expected::add);
    }
    return expected;
  }

  /** The text up to the first '.' or ':' outside backticks followed by a space or the end. */
  static String firstClause(String paragraph) {
    boolean quoted = false;
    for (int i = 0; i < paragraph.length(); i++) {
      char c = paragraph.charAt(i);
      if (c == '`') {
        quoted = !quoted;
      } else if (!quoted && (c == '.' || c == ':')
          && (i + 1 == paragraph.length() || paragraph.charAt(i + 1) == ' ')) {
        return paragraph.substring(0, i);
      }
    }
    return paragraph;
  }

  static void assertPrints(DocBlock block, String out) {
    String text = normalise(out);
    int from = 0;
    for (String expected : expectedOutput(block)) {
      String[] pieces = normalise(expected).split("\\.\\.\\.", -1);
      String regex = Arrays.stream(pieces).map(Pattern::quote).collect(Collectors.joining(".*?"));
      Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
      if (!m.find(from)) {
        throw new AssertionError(block.where() + ": the docs say the program prints `"
            + expected + "`" + (from > 0 ? " after what came before" : "")
            + ", but it printed:\n" + out);
      }
      from = m.end();
    }
  }

  private static String normalise(String s) {
    return s.replaceAll("\\s+", " ").trim();
  }

  /**
   * A compilation unit without a {@code main} (a class to complete, an interface): compiled as
   * one file, named after its public type if it has one.
   */
  static void unit(DocBlock block) {
    String type = publicTypeOrNull(block.body());
    String name = type == null ? "DocUnit" : type;
    try {
      JavaSnippets.compile(block.where(), name, block.body(), 1).close();  // compiling is all
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String publicTypeOrNull(String body) {
    try {
      return JavaSnippets.publicTypeName(body);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  // ---- signatures ---------------------------------------------------------------------------

  /**
   * A signature block (method declarations, the last ';' optional): compiled as the members of
   * an interface, and when the prose before the block names a gridrl type in backticks (the
   * last such name that resolves), every declared method must be a public method of that type
   * with the same parameter and return types. Returns the type checked against, if any.
   */
  static Optional<Class<?>> signature(DocBlock block, GridrlClasses classes) {
    Optional<Class<?>> owner = owner(block, classes);
    StringBuilder src = new StringBuilder();
    Set<String> imports = new TreeSet<>(List.of("java.util.*"));
    owner.ifPresent(o -> {
      imports.add(o.getPackageName() + ".*");
      for (Method m : o.getMethods()) {
        addImport(imports, m.getReturnType());
        for (Class<?> p : m.getParameterTypes()) {
          addImport(imports, p);
        }
      }
    });
    for (String i : imports) {
      src.append("import ").append(i).append(";\n");
    }
    src.append("interface DocSignature {\n");
    int bodyLine = imports.size() + 2;
    String body = block.body().strip();
    src.append(body).append(body.endsWith(";") || body.endsWith("}") ? "" : ";").append("\n}\n");
    try (URLClassLoader loader = JavaSnippets.compile(block.where(), "DocSignature",
        src.toString(), bodyLine)) {
      Class<?> declared = loader.loadClass("DocSignature");
      if (owner.isEmpty()) {
        return owner;
      }
      for (Method m : declared.getDeclaredMethods()) {
        Method actual;
        try {
          actual = owner.get().getMethod(m.getName(), m.getParameterTypes());
        } catch (NoSuchMethodException e) {
          throw new AssertionError(block.where() + ": the block declares " + describe(m)
              + ", which " + owner.get().getName() + " does not have; its methods: "
              + Arrays.stream(owner.get().getMethods())
                  .filter(x -> x.getDeclaringClass() != Object.class)
                  .map(DocChecks::describe).sorted().collect(Collectors.joining("; ")));
        }
        if (actual.getReturnType() != m.getReturnType()) {
          throw new AssertionError(block.where() + ": the block declares " + describe(m)
              + ", but " + owner.get().getName() + " returns "
              + actual.getReturnType().getSimpleName());
        }
      }
      return owner;
    } catch (ClassNotFoundException | java.io.IOException e) {
      throw new AssertionError(block.where() + ": " + e, e);
    }
  }

  private static void addImport(Set<String> imports, Class<?> type) {
    while (type.isArray()) {
      type = type.getComponentType();
    }
    if (!type.isPrimitive() && !type.getPackageName().equals("java.lang")) {
      imports.add(type.getCanonicalName());
    }
  }

  private static String describe(Method m) {
    return m.getReturnType().getSimpleName() + " " + m.getName() + "("
        + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
            .collect(Collectors.joining(", ")) + ")";
  }

  /** The last backticked name in the prose before the block that resolves to a gridrl type. */
  static Optional<Class<?>> owner(DocBlock block, GridrlClasses classes) {
    Matcher m = BACKTICKED.matcher(block.before());
    Optional<Class<?>> found = Optional.empty();
    while (m.find()) {
      String name = m.group(1).trim();
      if (name.matches("[A-Za-z_][\\w.]*")) {
        Optional<Class<?>> c = classes.resolve(name);
        if (c.isPresent()) {
          found = c;
        }
      }
    }
    return found;
  }

  // ---- fragments ----------------------------------------------------------------------------

  /**
   * A fragment ({@code java fragment}) is not compiled, but each {@code Type.method(} in it
   * whose {@code Type} is a gridrl class must name a public method of that class; returns how
   * many such uses it checked.
   */
  static int fragment(DocBlock block, GridrlClasses classes) {
    Matcher m = STATIC_USE.matcher(block.body());
    int checked = 0;
    while (m.find()) {
      String type = m.group(1);
      String method = m.group(2);
      if (!classes.isGridrlName(type)) {
        continue;
      }
      Class<?> c = classes.resolve(type).orElseThrow(() -> new AssertionError(block.where()
          + ": " + type + " is ambiguous or not on the classpath"));
      boolean exists = Arrays.stream(c.getMethods())
          .anyMatch(x -> x.getName().equals(method) && Modifier.isPublic(x.getModifiers()));
      if (!exists) {
        throw new AssertionError(block.where() + ": the fragment calls " + type + "." + method
            + ", which " + c.getName() + " does not have");
      }
      checked++;
    }
    return checked;
  }

  // ---- command lines ------------------------------------------------------------------------

  /** The {@code gridrl ...} lines of a shell or bare block, continuations joined. */
  static List<String> commandLines(DocBlock block) {
    List<String> commands = new ArrayList<>();
    if (!SHELL_LANGUAGES.contains(block.language())) {
      return commands;
    }
    String joined = block.body().replace("\\\n", " ");
    for (String line : joined.split("\n")) {
      String l = line.strip();
      if (l.startsWith("$ ")) {
        l = l.substring(2).strip();
      }
      l = l.replaceFirst("^([A-Z_]+=\\S*\\s+)+", "");  // JAVA_OPTS=-Xmx4g ./gridrl ...
      if (l.startsWith("gridrl ") || l.startsWith("./gridrl ") || l.equals("./gridrl")) {
        commands.add(l);
      }
    }
    return commands;
  }

  /**
   * Parses one command line with the real picocli model (no command runs): unknown
   * subcommands and options, missing arguments and values of the wrong type fail; so do an
   * experiment that {@code gridrl list} lacks and an exercise number that does not exist.
   */
  static void parses(String where, String commandLine, Registry registry) {
    List<String> words = shellWords(commandLine.replaceFirst("\\s+#.*$", ""));
    List<String> args = words.subList(1, words.size());
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    CommandLine cmd = Main.commandLine(registry, new Io(sink, sink, false));
    ParseResult result;
    try {
      result = cmd.parseArgs(args.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      throw new AssertionError(where + ": `" + commandLine + "` does not parse: "
          + e.getMessage());
    }
    List<String> sub = new ArrayList<>();
    for (ParseResult r = result.subcommand(); r != null; r = r.subcommand()) {
      sub.add(r.commandSpec().name());
      List<String> positional = r.matchedPositionals().stream()
          .flatMap(p -> p.stringValues().stream()).toList();
      if (sub.equals(List.of("run")) && !positional.isEmpty()
          && !registry.names().contains(positional.get(0))) {
        throw new AssertionError(where + ": `" + commandLine + "`: no experiment '"
            + positional.get(0) + "'; known: " + registry.names());
      }
      if (sub.size() == 2 && sub.get(0).equals("exercise")
          && (sub.get(1).equals("show") || sub.get(1).equals("check"))
          && !positional.isEmpty()
          && Exercises.byNumber(Integer.parseInt(positional.get(0))).isEmpty()) {
        throw new AssertionError(where + ": `" + commandLine + "`: no exercise "
            + positional.get(0));
      }
    }
  }

  /** Splits a command line as a POSIX shell would, for quotes and backslashes. */
  static List<String> shellWords(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
          word.append(line.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == '\\' && i + 1 < line.length()) {
        word.append(line.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new AssertionError("unclosed quote in `" + line + "`");
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
