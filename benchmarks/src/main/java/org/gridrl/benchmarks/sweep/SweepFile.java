package org.gridrl.benchmarks.sweep;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.gridrl.benchmarks.runner.ConfigFile;
import org.gridrl.benchmarks.runner.Experiment;
import org.gridrl.benchmarks.runner.ExperimentConfig;
import org.gridrl.benchmarks.runner.Registry;
import org.gridrl.core.util.TextFiles;

/**
 * A sweep file ({@code gridrl sweep FILE}): a JSON object with the keys {@code experiment} (a
 * name from {@code gridrl list}), {@code quick} (optional, default false: start from the
 * {@code --quick} config), {@code config} (optional: config fields to change, in the format of
 * {@code gridrl run --config}), {@code grid} (config field → array of values; a nested setting
 * is named with dots, {@code "planning.tolerance"}) and {@code seeds} (array of distinct
 * integers). The runs are the cross product of the grid's values and the seeds
 * ({@link SweepPlan}).
 *
 * <p>Every problem is one line, {@code FILE:LINE:COL: field: what}: broken JSON and the
 * {@code config} object are read by {@link ConfigFile}, exactly as {@code run --config} reads
 * them; a grid value is checked against its field's JSON type, then by the config record's own
 * validation, at the value's position; a setting the record refuses as a whole (two fields that
 * do not go together) is named at the grid.
 */
public final class SweepFile {

  /** The keys a sweep file may have. */
  public static final List<String> KEYS = List.of("experiment", "quick", "config", "grid",
      "seeds");

  static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

  /** A sweep file that cannot be used; the message is one line: {@code FILE:LINE:COL: what}. */
  public static final class Invalid extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Invalid(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Path file;
  private final Map<String, JsonLocation> where = new HashMap<>();

  private SweepFile(Path file) {
    this.file = file;
  }

  /**
   * Reads and checks a sweep file.
   *
   * @param file the JSON file
   * @param registry the experiments it may name
   * @param notices receives one line per notice of the config reader (a renamed field)
   * @return the sweep and its runs in spec order
   * @throws Invalid naming the file, line, column and field of the first problem
   * @throws IOException if the file cannot be read
   */
  public static SweepPlan read(Path file, Registry registry, Consumer<String> notices)
      throws IOException {
    return new SweepFile(file).parse(registry, notices);
  }

  private SweepPlan parse(Registry registry, Consumer<String> notices) throws IOException {
    String text;
    try {
      text = TextFiles.readString(file);
    } catch (TextFiles.NotTextException e) {
      throw new Invalid(file + ":" + e.line() + ": " + e.problem(), e);
    } catch (IOException e) {
      throw new Invalid(file + ": " + TextFiles.reason(e), e);
    }
    JsonNode root;
    try (JsonParser p = MAPPER.getFactory().createParser(text)) {
      if (p.nextToken() == null) {
        throw new Invalid(file + ": empty file; expected a JSON object with the keys "
            + String.join(", ", KEYS), null);
      }
      locate(p, "");
      if (p.nextToken() != null) {
        throw invalid("", p.currentTokenLocation(), "unexpected content after the JSON object");
      }
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw syntaxError(registry, e);
    }
    if (!root.isObject()) {
      throw invalid("", where.get(""), "expected a JSON object with the keys "
          + String.join(", ", KEYS));
    }
    for (var f : root.properties()) {
      if (!KEYS.contains(f.getKey())) {
        throw invalid(f.getKey(), where.get(f.getKey()), "unknown key in a sweep file; known: "
            + String.join(", ", KEYS));
      }
    }
    JsonNode name = required(root, "experiment", "a name from 'gridrl list'");
    if (!name.isTextual()) {
      throw invalid("experiment", where.get("experiment"), "expected a string, got " + name);
    }
    Experiment<?> experiment = registry.find(name.asText()).orElseThrow(() -> invalid(
        "experiment", where.get("experiment"), "unknown experiment '" + name.asText()
            + "'; known: " + String.join(", ", registry.names())));
    boolean quick = false;
    if (root.has("quick")) {
      if (!root.get("quick").isBoolean()) {
        throw invalid("quick", where.get("quick"), "expected true or false, got "
            + root.get("quick"));
      }
      quick = root.get("quick").asBoolean();
    }
    return plan(experiment, quick, root, notices);
  }

  private <C extends ExperimentConfig<C>> SweepPlan plan(Experiment<C> experiment,
      boolean quick, JsonNode root, Consumer<String> notices) throws IOException {
    C base = quick ? experiment.quickConfig() : experiment.defaultConfig();
    if (root.has("config")) {
      try { // the file has "experiment" and "config": read as a summary.json is, located here
        base = ConfigFile.read(file, experiment.name(), base, notices);
      } catch (ConfigFile.Invalid e) {
        throw new Invalid(e.getMessage(), e);
      }
    }
    List<Long> seeds = seeds(required(root, "seeds", "an array of integer seeds"));
    JsonNode grid = required(root, "grid", "an object: config field → array of values");
    if (!grid.isObject()) {
      throw invalid("grid", where.get("grid"), "expected an object (config field → array of"
          + " values), got " + shown(grid));
    }
    @SuppressWarnings("unchecked")
    Class<C> type = (Class<C>) base.getClass();
    ObjectNode baseTree = MAPPER.valueToTree(base);
    List<String> fields = new ArrayList<>();
    List<List<JsonNode>> values = new ArrayList<>();
    for (var f : grid.properties()) {
      String field = f.getKey();
      String at = "grid." + field;
      if (field.equals("seeds")) {
        throw invalid(at, where.get(at), "the seeds are the sweep file's own \"seeds\" key,"
            + " not a grid field");
      }
      Type fieldType = fieldType(type, field, at);
      if (!f.getValue().isArray() || f.getValue().isEmpty()) {
        throw invalid(at, where.get(at), "expected a non-empty array of values, got "
            + shown(f.getValue()));
      }
      List<JsonNode> vs = new ArrayList<>();
      Set<JsonNode> seen = new HashSet<>();
      for (int i = 0; i < f.getValue().size(); i++) {
        JsonNode v = f.getValue().get(i);
        String vat = at + "[" + i + "]";
        if (!seen.add(v)) {
          throw invalid(vat, where.get(vat), v + " is given twice");
        }
        String bad = typeMismatch(v, fieldType);
        if (bad != null) {
          throw invalid(vat, where.get(vat), "expected " + bad + ", got " + shown(v));
        }
        ObjectNode one = baseTree.deepCopy();
        set(one, field, v);
        bind(one, type, vat); // the record's own checks of this value
        vs.add(v);
      }
      fields.add(field);
      values.add(vs);
    }
    List<RunSpec> specs = new ArrayList<>();
    int settings = 1;
    for (List<JsonNode> vs : values) {
      settings = Math.multiplyExact(settings, vs.size());
    }
    int total = Math.multiplyExact(settings, seeds.size());
    int width = Math.max(3, Integer.toString(total).length());
    for (int s = 0; s < settings; s++) {
      ObjectNode tree = baseTree.deepCopy();
      List<String> setting = new ArrayList<>();
      int rest = s;
      int[] pick = new int[fields.size()];
      for (int k = fields.size() - 1; k >= 0; k--) { // the last field varies fastest
        pick[k] = rest % values.get(k).size();
        rest /= values.get(k).size();
      }
      for (int k = 0; k < fields.size(); k++) {
        JsonNode v = values.get(k).get(pick[k]);
        set(tree, fields.get(k), v);
        setting.add(v.toString());
      }
      C config = bind(tree, type, "grid");
      for (long seed : seeds) {
        int index = specs.size();
        String folder = String.format("run-%0" + width + "d", index + 1);
        specs.add(new RunSpec(index, folder, experiment.name(), quick,
            setting, seed, MAPPER.writeValueAsString(config.withSeeds(List.of(seed)))));
      }
    }
    List<List<String>> texts = values.stream()
        .map(vs -> vs.stream().map(JsonNode::toString).toList()).toList();
    return new SweepPlan(file.toString(), experiment.name(), quick, fields, texts,
        seeds, specs);
  }

  private List<Long> seeds(JsonNode node) {
    if (!node.isArray() || node.isEmpty()) {
      throw invalid("seeds", where.get("seeds"), "expected a non-empty array of integer seeds,"
          + " got " + shown(node));
    }
    List<Long> seeds = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode s = node.get(i);
      String at = "seeds[" + i + "]";
      if (!s.isIntegralNumber() || !s.canConvertToLong()) {
        throw invalid(at, where.get(at), "expected an integer seed, got " + shown(s));
      }
      if (seeds.contains(s.longValue())) {
        throw invalid(at, where.get(at), "seed " + s.longValue() + " is given twice");
      }
      seeds.add(s.longValue());
    }
    return seeds;
  }

  /** The value binds into the config record, or the record's refusal is named at {@code at}. */
  private <C> C bind(ObjectNode tree, Class<C> type, String at) {
    try {
      return MAPPER.treeToValue(tree, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      String message = cause instanceof JsonProcessingException j ? j.getOriginalMessage()
          : cause.getMessage();
      String line = String.valueOf(message).split("\n")[0];
      if (at.equals("grid")) {
        line = "the config of a setting is refused: " + line;
      }
      throw new Invalid(place(where.get(at)) + ": " + at + ": " + line, e);
    }
  }

  /** The Java type of config field {@code path} (dots for nested records), or a located error. */
  private Type fieldType(Class<?> type, String path, String at) {
    Type t = type;
    String done = "";
    for (String part : path.split("\\.", -1)) {
      Class<?> raw = raw(t);
      RecordComponent found = null;
      List<String> known = new ArrayList<>();
      if (raw != null && raw.isRecord()) {
        for (RecordComponent rc : raw.getRecordComponents()) {
          known.add(rc.getName());
          if (rc.getName().equals(part)) {
            found = rc;
          }
        }
      }
      if (found == null) {
        throw invalid(at, where.get(at), known.isEmpty()
            ? "'" + done + "' has no fields to set"
            : "unknown field '" + part + "' in the config" + (done.isEmpty() ? "" : " at " + done)
                + "; known: " + String.join(", ", known));
      }
      done = done.isEmpty() ? part : done + "." + part;
      t = found.getGenericType();
    }
    return t;
  }

  /** What a field of {@code type} takes in JSON words, if {@code v} does not fit it; else null. */
  static String typeMismatch(JsonNode v, Type type) {
    Class<?> raw = raw(type);
    if (raw == null) {
      return null;
    }
    if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
      return v.isNumber() ? null : "a number";
    }
    if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
      boolean isLong = raw == long.class || raw == Long.class;
      return v.isIntegralNumber() && (isLong ? v.canConvertToLong() : v.canConvertToInt())
          ? null : isLong ? "a 64-bit integer" : "a 32-bit integer";
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return v.isBoolean() ? null : "true or false";
    }
    if (raw == String.class) {
      return v.isTextual() ? null : "a string";
    }
    if (raw.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object c : raw.getEnumConstants()) {
        names.add("\"" + ((Enum<?>) c).name() + "\"");
      }
      return v.isTextual() && names.contains("\"" + v.asText() + "\"") ? null
          : "one of " + String.join(", ", names);
    }
    if (List.class.isAssignableFrom(raw)) {
      return v.isArray() ? null : "an array";
    }
    if (raw.isRecord()) {
      return v.isObject() ? null : "an object";
    }
    return null;
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType pt && pt.getRawType() instanceof Class<?> c) {
      return c;
    }
    return null;
  }

  /** Sets {@code path} (dots for nested objects) in {@code tree}. */
  private static void set(ObjectNode tree, String path, JsonNode value) {
    String[] parts = path.split("\\.");
    ObjectNode at = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      at = (ObjectNode) at.get(parts[i]);
    }
    at.set(parts[parts.length - 1], value.deepCopy());
  }

  private JsonNode required(JsonNode root, String key, String what) {
    JsonNode n = root.get(key);
    if (n == null) {
      throw invalid(key, where.get(""), "missing; a sweep file needs \"" + key + "\": " + what);
    }
    return n;
  }

  /**
   * Broken JSON: the words and position {@link ConfigFile} gives it (the same reader as
   * {@code run --config}), which reports the syntax before it looks at any field.
   */
  private Invalid syntaxError(Registry registry, JsonProcessingException e) throws IOException {
    if (!registry.experiments().isEmpty()) {
      try {
        readAsConfig(registry.experiments().get(0));
      } catch (ConfigFile.Invalid located) {
        return new Invalid(located.getMessage(), e);
      }
    }
    JsonLocation at = e.getLocation();
    return new Invalid(place(at) + ": not valid JSON here", e);
  }

  private <C extends ExperimentConfig<C>> void readAsConfig(Experiment<C> any)
      throws IOException {
    ConfigFile.read(file, any.name(), any.defaultConfig(), n -> { });
  }

  /**
   * Records where each key (or, for the root and array items, the value) starts; a key given
   * twice in one object is an error naming both places.
   */
  private void locate(JsonParser p, String path) throws IOException {
    where.putIfAbsent(path, p.currentTokenLocation());
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String child = path.isEmpty() ? p.currentName() : path + "." + p.currentName();
        JsonLocation first = where.put(child, p.currentTokenLocation());
        if (first != null) {
          throw invalid(child, p.currentTokenLocation(), "given twice (first at line "
              + first.getLineNr() + ", column " + first.getColumnNr() + ")");
        }
        p.nextToken();
        locate(p, child);
      }
    } else if (t == JsonToken.START_ARRAY) {
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        locate(p, path + "[" + i++ + "]");
      }
    }
  }

  /** A JSON value as the file has it, shortened. */
  private static String shown(JsonNode v) {
    if (v.isTextual()) {
      String t = v.asText();
      return "the string \"" + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "\"";
    }
    return v.isArray() ? "an array" : v.isObject() ? "an object" : v.toString();
  }

  private Invalid invalid(String field, JsonLocation at, String what) {
    return new Invalid(place(at) + ": " + (field.isEmpty() ? "" : field + ": ") + what, null);
  }

  /** {@code FILE:LINE:COL}, or the file alone when the position is unknown. */
  private String place(JsonLocation at) {
    return at == null || at.getLineNr() < 1 ? file.toString()
        : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
  }
}
