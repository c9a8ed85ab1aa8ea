package org.gridrl.benchmarks.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.gridrl.benchmarks.runner.ConfigDocs;
import org.gridrl.benchmarks.runner.Experiment;
import org.gridrl.benchmarks.runner.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code gridrl describe NAME}: what an experiment shows and reproduces, where the published
 * numbers are, and every field of its config (nested records too, as {@code planning.temperature})
 * with its default and {@code --quick} values in the JSON that {@code --set} and {@code --config}
 * take, and the sentence its config record's javadoc gives it ({@link ConfigDocs}).
 */
@Command(name = "describe", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {"Describe an experiment: what it shows and reproduces, where the published"
        + " numbers are, and every config field with a sentence, its default and its --quick"
        + " value. Change a field with 'gridrl run NAME --set FIELD=VALUE'."})
public final class DescribeCommand implements Callable<Integer> {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int WIDTH = 100;

  private final Registry registry;
  private final Io io;

  @Parameters(index = "0", paramLabel = "NAME", description = "The experiment (see 'gridrl list').")
  String name;

  /** The describe command over {@code registry}, printing to {@code io.out()}. */
  public DescribeCommand(Registry registry, Io io) {
    this.registry = registry;
    this.io = io;
  }

  /**
   * One field of a config, nested records' fields included: its dotted path ({@code []} marks
   * the items of a list of records), its Java type, and its javadoc sentence (null if none).
   */
  record Field(String path, Type type, String sentence) {
    /** Whether this field is a record whose own fields follow it. */
    boolean isGroup() {
      return raw(type) != null && raw(type).isRecord();
    }

    /** Whether this is a field of the items of a list (no value of its own). */
    boolean inList() {
      return path.contains("[]");
    }
  }

  /** Every field of {@code record}, depth first, each group before its own fields. */
  static List<Field> fields(Class<?> record) {
    List<Field> out = new ArrayList<>();
    collect("", record, out);
    return out;
  }

  private static void collect(String prefix, Class<?> record, List<Field> out) {
    var sentences = ConfigDocs.params(record);
    for (RecordComponent rc : record.getRecordComponents()) {
      String path = prefix + rc.getName();
      Type type = rc.getGenericType();
      out.add(new Field(path, type, sentences.get(rc.getName())));
      Class<?> raw = raw(type);
      if (raw != null && raw.isRecord()) {
        collect(path + ".", raw, out);
      } else if (raw != null && List.class.isAssignableFrom(raw)
          && type instanceof ParameterizedType pt && raw(pt.getActualTypeArguments()[0]) != null
          && raw(pt.getActualTypeArguments()[0]).isRecord()) {
        collect(path + "[].", raw(pt.getActualTypeArguments()[0]), out);
      }
    }
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    return type instanceof ParameterizedType pt && pt.getRawType() instanceof Class<?> c ? c
        : null;
  }

  @Override
  public Integer call() {
    Experiment<?> e = registry.find(name).orElseThrow(() -> new UsageException(
        "unknown experiment '" + name + "'; known: " + String.join(", ", registry.names())));
    PrintStream out = io.out();
    wrap(out, "", e.name() + ": " + e.description());
    out.println();
    wrap(out, "", "Reproduces: " + (e.reproduces().isBlank() ? "(not stated)" : e.reproduces()));
    wrap(out, "", "Published numbers beside ours: " + e.resultsPage());
    wrap(out, "", "Run time on 2 cores: " + Durations.approx(e.expectedRunTime(false))
        + ", --quick " + Durations.approx(e.expectedRunTime(true)) + ".");
    out.println();
    wrap(out, "", "Config fields, each with its default and --quick value (as JSON). Change one"
        + " with 'gridrl run " + e.name() + " --set FIELD=VALUE' (nested fields with dots),"
        + " several with --config FILE (a JSON object of fields).");
    JsonNode full = MAPPER.valueToTree(e.defaultConfig());
    JsonNode quick = MAPPER.valueToTree(e.quickConfig());
    for (Field f : fields(e.defaultConfig().getClass())) {
      out.println();
      String head = f.path();
      if (f.isGroup()) {
        head += ": the fields " + f.path() + ".* below";
      } else if (!f.inList()) {
        String d = at(full, f.path());
        String q = at(quick, f.path());
        head += " = " + d + (d.equals(q) ? " (--quick the same)" : " (--quick " + q + ")");
      }
      out.println(head);
      wrap(out, "    ", f.sentence() == null ? "(undocumented)" : f.sentence());
    }
    out.flush();
    return 0;
  }

  /** The JSON value at a dotted path. */
  private static String at(JsonNode root, String path) {
    JsonNode n = root;
    for (String part : path.split("\\.")) {
      n = n == null ? null : n.get(part);
    }
    return n == null ? "?" : n.toString();
  }

  /** Prints {@code text} in lines of at most {@value #WIDTH} characters, each after indent. */
  private static void wrap(PrintStream out, String indent, String text) {
    StringBuilder line = new StringBuilder(indent);
    for (String word : text.split(" ")) {
      if (line.length() > indent.length() && line.length() + 1 + word.length() > WIDTH) {
        out.println(line);
        line = new StringBuilder(indent);
      }
      if (line.length() > indent.length()) {
        line.append(' ');
      }
      line.append(word);
    }
    out.println(line);
  }
}
