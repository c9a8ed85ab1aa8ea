package org.gridrl.benchmarks.runner;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.gridrl.core.pg.SacConfig;
import org.gridrl.core.util.TextFiles;

/**
 * An experiment's config read from a JSON file ({@code gridrl run NAME --config FILE}): either a
 * JSON object with some of the config record's fields, or a whole {@code summary.json} of an
 * earlier run (its {@code "config"} object is used, and its {@code "experiment"} must be this
 * experiment), so any recorded run can be repeated exactly.
 *
 * <p>Fields the file leaves out keep their values from the base config (the experiment's
 * default or {@code --quick} config); nested objects (an algorithm's settings) are merged field by
 * field; arrays and values are replaced whole. Every problem is reported as one line naming the
 * file, the line and column of the offending field and what is wrong, in the words of JSON and of
 * the config's fields ({@link JsonErrors}), never of the JSON library: a JSON syntax error, a
 * field given twice (both places named), an unknown field (with the known ones), a value of the
 * wrong JSON type ("slip: expected a number, got true"), or a value the config record's own
 * validation refuses (its message names the field). The file is UTF-8 ({@link TextFiles}: a
 * leading byte-order mark is skipped, a byte that is not UTF-8 is named with its line).
 *
 * <p>Renamed fields are still read under their old names, with a one-line notice naming the file
 * position and both names: {@link SacConfig}'s Polyak rate {@code tau} is now {@code polyak}
 * (τ means the temperature everywhere else), so an earlier summary.json that says
 * {@code "tau"} inside a SAC config repeats its run exactly.
 */
public final class ConfigFile {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

  /** A field renamed in a config record: {@code from} is read as {@code to}. */
  private record Renamed(Class<? extends Record> type, String from, String to) {
  }

  /** Every renamed field still read under its old name. */
  private static final List<Renamed> RENAMED = List.of(
      new Renamed(SacConfig.class, "tau", "polyak"));

  private ConfigFile() {
  }

  /** A config file that cannot be used; the message is one line: {@code FILE:LINE:COL: what}. */
  public static final class Invalid extends IllegalArgumentException {
    Invalid(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Reads a config for {@code experiment} from {@code file}, filling absent fields from
   * {@code base}.
   *
   * @param file the JSON file
   * @param experiment the experiment's name (checked against a summary.json's)
   * @param base the config whose values the file overrides. Not modified.
   * @return the validated config
   * @throws Invalid naming the file, line and field of the first problem
   * @throws IOException if the file cannot be read
   */
  public static <C extends ExperimentConfig<C>> C read(Path file, String experiment, C base)
      throws IOException {
    return read(file, experiment, base, System.err::println);
  }

  /**
   * {@link #read(Path, String, ExperimentConfig)} that hands each notice (a renamed field read
   * under its old name) to {@code notices} instead of printing it on standard error.
   *
   * @param notices receives one line per notice, {@code FILE:LINE:COL: what}
   */
  public static <C extends ExperimentConfig<C>> C read(Path file, String experiment, C base,
      Consumer<String> notices) throws IOException {
    String text;
    try {
      text = TextFiles.readString(file);
    } catch (TextFiles.NotTextException e) {
      throw new Invalid(file + ":" + e.line() + ": " + e.problem(), e);
    } catch (IOException e) {
      throw new Invalid(file + ": " + TextFiles.reason(e), e);
    }
    return parse(new Source(file.toString(), true), text, experiment, base, notices);
  }

  /**
   * Applies one {@code --set FIELD=VALUE} option to {@code base}: the assignment becomes the
   * JSON object a config file with that one field would hold ({@code maml.iterations=3} is
   * {@code {"maml": {"iterations": 3}}}) and is read exactly as {@link #read} reads a file, so
   * the same checks and messages apply, located at the option instead of a line and column.
   *
   * <p>FIELD is a config field, nested fields joined by dots. VALUE is JSON ({@code 0.5},
   * {@code true}, {@code [1,2]}, {@code {"iterations": 3}}); for a field that takes a string
   * or one of a set of names, or a list of them, it may be written bare ({@code map=fourrooms},
   * {@code methods=pcgrad,dnc}; the names of an enum in any case, {@code outer=trpo}), and a
   * list of numbers may drop its brackets ({@code seeds=1,2}). Anything else that is not JSON
   * is taken as a string, which the type check then refuses in the field's words
   * ({@code gamma: expected a number, got the string "abc"}).
   *
   * @param assignment {@code FIELD=VALUE}
   * @param experiment the experiment's name (named in the message of an unknown field)
   * @param base the config whose field is changed. Not modified.
   * @return the validated config
   * @throws Invalid one line starting {@code --set FIELD=VALUE: } naming the problem: no
   *     {@code '='}, an empty field name, a dot after a field that has no fields, an unknown
   *     field (with the known ones at that level),
   *     a value of the wrong type, or one the config record refuses (its message)
   */
  public static <C extends ExperimentConfig<C>> C set(String assignment, String experiment,
      C base) {
    return set(assignment, experiment, base, System.err::println);
  }

  /**
   * {@link #set(String, String, ExperimentConfig)} that hands each notice (a renamed field set
   * under its old name) to {@code notices} instead of printing it on standard error.
   */
  public static <C extends ExperimentConfig<C>> C set(String assignment, String experiment,
      C base, Consumer<String> notices) {
    Source src = new Source("--set " + assignment, false);
    int eq = assignment.indexOf('=');
    if (eq < 0) {
      throw new Invalid(src.name() + ": expected FIELD=VALUE (e.g. --set seeds=[1,2], nested"
          + " fields with dots: --set planning.temperature=0.5)", null);
    }
    String field = assignment.substring(0, eq).strip();
    String value = assignment.substring(eq + 1);
    String[] names = field.split("\\.", -1);
    for (String n : names) {
      if (n.isBlank()) {
        throw new Invalid(src.name() + ": expected FIELD=VALUE with a field name before '='"
            + " (nested fields joined by single dots), got '" + field + "'", null);
      }
    }
    Type type = base.getClass();
    for (int i = 0; i < names.length; i++) {
      Type parent = type;
      type = componentType(parent, names[i]);
      if (type == null || i == names.length - 1 || isRecord(type)) {
        continue;
      }
      String path = String.join(".", java.util.Arrays.copyOf(names, i + 1));
      throw new Invalid(src.name() + ": " + path + " has no field '" + names[i + 1] + "': it"
          + " takes " + JsonErrors.expected(type, false) + ", not fields", null);
    }
    JsonNode leaf = value(value, type);
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode at = root;
    for (int i = 0; i < names.length - 1; i++) {
      at = at.putObject(names[i]);
    }
    at.set(names[names.length - 1], leaf);
    try {
      return parse(src, MAPPER.writeValueAsString(root), experiment, base, notices);
    } catch (IOException e) { // the text was written just above, so it parses
      throw new Invalid(src.name() + ": " + e.getMessage(), e);
    }
  }

  /** The generic type of record component {@code name} of {@code type}, or null. */
  private static Type componentType(Type type, String name) {
    if (type instanceof Class<?> c && c.isRecord()) {
      for (RecordComponent rc : c.getRecordComponents()) {
        if (rc.getName().equals(name)) {
          return rc.getGenericType();
        }
      }
    }
    return null;
  }

  private static boolean isRecord(Type type) {
    return type instanceof Class<?> c && c.isRecord();
  }

  /** A {@code --set} value as JSON, read by the type of its field (null when unknown). */
  private static JsonNode value(String text, Type type) {
    Class<?> raw = type instanceof Class<?> c ? c
        : type instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : null;
    String t = text.strip();
    if (raw != null && isName(raw) && !t.startsWith("\"")) {
      return TextNode.valueOf(raw.isEnum() ? constant(raw, text) : text);
    }
    if (raw != null && List.class.isAssignableFrom(raw) && !t.startsWith("[")) {
      Type element = type instanceof ParameterizedType pt ? pt.getActualTypeArguments()[0]
          : null;
      if (element instanceof Class<?> e && isName(e)) {
        ArrayNode list = MAPPER.createArrayNode();
        for (String item : t.split(",", -1)) {
          list.add(e.isEnum() ? constant(e, item.strip()) : item.strip());
        }
        return list;
      }
      t = t.isEmpty() ? "[]" : "[" + t + "]";
    }
    try {
      return MAPPER.readTree(t);
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(text);
    }
  }

  /** The name of {@code type}'s constant spelled {@code word} in any case, else the word. */
  private static String constant(Class<?> type, String word) {
    for (Object c : type.getEnumConstants()) {
      if (((Enum<?>) c).name().equalsIgnoreCase(word.strip())) {
        return ((Enum<?>) c).name();
      }
    }
    return word;
  }

  /** Whether a field of this type is written as a bare word: a string or an enum. */
  private static boolean isName(Class<?> c) {
    return c == String.class || c.isEnum();
  }

  /**
   * Where a config's text came from: a file, whose problems are placed at
   * {@code FILE:LINE:COLUMN}, or a {@code --set} option, whose problems are placed at the
   * option alone.
   */
  private record Source(String name, boolean positions) {
    /** {@code NAME:LINE:COL}, or the name alone. */
    String place(JsonLocation at) {
      return !positions || at == null || at.getLineNr() < 1 ? name
          : name + ":" + at.getLineNr() + ":" + at.getColumnNr();
    }

    /** Whether the text may be a whole summary.json: a file's may, a --set's may not. */
    boolean isFile() {
      return positions;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static <C extends ExperimentConfig<C>> C parse(Source file, String text,
      String experiment, C base, Consumer<String> notices) throws IOException {
    JsonNode root;
    Map<String, JsonLocation> where = new HashMap<>();
    boolean rootRead = false;
    try (JsonParser p = MAPPER.getFactory().createParser(text)) {
      if (p.nextToken() == null) {
        throw new Invalid(file + ": empty file; expected a JSON object", null);
      }
      locate(file, p, "", where);
      rootRead = true;
      if (p.nextToken() != null) {
        throw invalid(file, p.currentTokenLocation(), "unexpected content after the JSON object",
            null);
      }
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String what = rootRead ? "unexpected content after the JSON object"
          : JsonErrors.syntax(e.getOriginalMessage());
      int back = rootRead ? 0 : JsonErrors.reportedPastToken(e.getOriginalMessage());
      if (file.isFile() && at != null && at.getLineNr() >= 1 && back > 0) { // the token's start
        throw new Invalid(file + ":" + at.getLineNr() + ":" + Math.max(1, at.getColumnNr() - back)
            + ": " + what, e);
      }
      throw invalid(file, at, what, e);
    }
    if (!root.isObject()) {
      throw invalid(file, where.get(""), "expected a JSON object with the config's fields", null);
    }
    String prefix = "";
    if (file.isFile() && root.has("experiment") && root.has("config")) { // a summary.json
      String recorded = root.get("experiment").asText();
      if (!recorded.equals(experiment)) {
        throw invalid(file, where.get("experiment"), "this is a summary of experiment '"
            + recorded + "', not '" + experiment + "'", null);
      }
      root = root.get("config");
      prefix = "config";
      if (!root.isObject()) {
        throw invalid(file, where.get(prefix), "\"config\" must be a JSON object", null);
      }
    }
    root = renameOldFields(file, where, prefix, (ObjectNode) root, base, notices);
    ObjectNode merged = MAPPER.valueToTree(base);
    merge(file, where, prefix, merged, (ObjectNode) root, experiment);
    String mistyped = JsonErrors.checkTypes(prefix, root, base.getClass());
    if (mistyped != null) {
      String path = mistyped.substring(0, mistyped.indexOf(": "));
      throw invalid(file, where.get(path), shown(path) + mistyped.substring(path.length()),
          null);
    }
    @SuppressWarnings("unchecked")
    Class<C> type = (Class<C>) base.getClass();
    try {
      return MAPPER.treeToValue(merged, type);
    } catch (ValueInstantiationException e) {
      // the record's own validation: its message names the field
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      String message = String.valueOf(cause.getMessage()).split("\n")[0];
      return failAt(file, where, prefix, (ObjectNode) root, message, cause);
    } catch (JsonMappingException e) {
      // the types were checked above, so this is a value the reader still refuses
      String path = path(prefix, e.getPath());
      String field = path.isEmpty() ? "config" : shown(path);
      throw invalid(file, where.get(path), field + ": " + JsonErrors.binding(
          e.getOriginalMessage()), e);
    }
  }

  /**
   * A copy of {@code user} (the fields of a config whose current value is {@code value}) with
   * renamed fields under their new names, nested configs included; each renaming is reported to
   * {@code notices} and the new path gets the old one's position for later messages.
   */
  private static ObjectNode renameOldFields(Source file, Map<String, JsonLocation> where,
      String path, ObjectNode user, Object value, Consumer<String> notices) {
    ObjectNode out = MAPPER.createObjectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = user.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String name = f.getKey();
      String child = path.isEmpty() ? name : path + "." + name;
      for (Renamed r : RENAMED) {
        if (r.type().isInstance(value) && r.from().equals(name)) {
          String renamed = path.isEmpty() ? r.to() : path + "." + r.to();
          if (user.has(r.to())) {
            throw invalid(file, where.get(child), "config field " + shown(child) + " is now "
                + shown(renamed) + ", and both are given; keep only " + r.to(), null);
          }
          notices.accept(file.place(where.get(child)) + ": config field " + shown(child)
              + " is now " + shown(renamed));
          where.put(renamed, where.get(child));
          name = r.to();
          child = renamed;
        }
      }
      JsonNode v = f.getValue();
      Object component = component(value, name);
      out.set(name, v.isObject() && component instanceof Record
          ? renameOldFields(file, where, child, (ObjectNode) v, component, notices) : v);
    }
    return out;
  }

  /** The value of record component {@code name} of {@code record}, or null. */
  private static Object component(Object record, String name) {
    if (record == null || !record.getClass().isRecord()) {
      return null;
    }
    for (RecordComponent rc : record.getClass().getRecordComponents()) {
      if (rc.getName().equals(name)) {
        try {
          return rc.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
          return null;
        }
      }
    }
    return null;
  }

  /** A field's path as the user sees it: without a summary.json's {@code config.} prefix. */
  private static String shown(String path) {
    return path.startsWith("config.") ? path.substring("config.".length()) : path;
  }

  /** Overlays {@code user} on {@code into}, refusing fields the config does not have. */
  private static void merge(Source file, Map<String, JsonLocation> where, String path,
      ObjectNode into, ObjectNode user, String experiment) {
    Iterator<Map.Entry<String, JsonNode>> fields = user.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String child = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
      JsonNode old = into.get(f.getKey());
      if (old == null) {
        List<String> known = new ArrayList<>();
        into.fieldNames().forEachRemaining(known::add);
        throw invalid(file, where.get(child), "unknown field '" + f.getKey() + "' in the config of "
            + experiment + (path.isEmpty() || path.equals("config") ? "" : " at " + path)
            + "; known: " + String.join(", ", known), null);
      }
      if (old.isObject() && f.getValue().isObject()) {
        merge(file, where, child, (ObjectNode) old, (ObjectNode) f.getValue(), experiment);
      } else {
        into.set(f.getKey(), f.getValue());
      }
    }
  }

  /**
   * The record refused a value: point at the field its message starts with (or names), among
   * the fields the file set; else at the config object.
   */
  private static <C> C failAt(Source file, Map<String, JsonLocation> where, String prefix,
      ObjectNode user, String message, Throwable cause) {
    List<String> paths = new ArrayList<>();
    collect(prefix, user, paths);
    String best = null;
    int bestAt = Integer.MAX_VALUE;
    for (String p : paths) {
      String leaf = p.substring(p.lastIndexOf('.') + 1);
      var m = Pattern.compile("\\b" + Pattern.quote(leaf) + "\\b").matcher(message);
      if (m.find() && m.start() < bestAt) {
        bestAt = m.start();
        best = p;
      }
    }
    throw invalid(file, where.get(best != null ? best : prefix), message, cause);
  }

  private static void collect(String path, JsonNode node, List<String> out) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String child = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
      out.add(child);
      if (f.getValue().isObject()) {
        collect(child, f.getValue(), out);
      }
    }
  }

  /**
   * Records where each field's name (or, for the root and array items, the value) starts;
   * a field given twice in one object is an error naming both places.
   */
  private static void locate(Source file, JsonParser p, String path,
      Map<String, JsonLocation> where) throws IOException {
    where.putIfAbsent(path, p.currentTokenLocation());
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String child = path.isEmpty() ? p.currentName() : path + "." + p.currentName();
        JsonLocation first = where.put(child, p.currentTokenLocation());
        if (first != null) {
          throw invalid(file, p.currentTokenLocation(), "field '" + shown(child)
              + "' is given twice (first at line " + first.getLineNr() + ", column "
              + first.getColumnNr() + ")", null);
        }
        p.nextToken();
        locate(file, p, child, where);
      }
    } else if (t == JsonToken.START_ARRAY) {
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        locate(file, p, path + "[" + i++ + "]", where);
      }
    }
  }

  private static String path(String prefix, List<JsonMappingException.Reference> refs) {
    StringBuilder b = new StringBuilder(prefix);
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }

  private static Invalid invalid(Source file, JsonLocation at, String what, Throwable cause) {
    return new Invalid(file.place(at) + ": " + what, cause);
  }
}
