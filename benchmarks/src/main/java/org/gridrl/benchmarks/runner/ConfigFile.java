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
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
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
      if (at != null && at.getLineNr() >= 1 && back > 0) { // point at the token's start
        throw new Invalid(file + ":" + at.getLineNr() + ":" + Math.max(1, at.getColumnNr() - back)
            + ": " + what, e);
      }
      throw invalid(file, at, what, e);
    }
    if (!root.isObject()) {
      throw invalid(file, where.get(""), "expected a JSON object with the config's fields", null);
    }
    String prefix = "";
    if (root.has("experiment") && root.has("config")) { // a summary.json
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
  private static ObjectNode renameOldFields(Path file, Map<String, JsonLocation> where,
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
          notices.accept(place(file, where.get(child)) + ": config field " + shown(child)
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
  private static void merge(Path file, Map<String, JsonLocation> where, String path,
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
  private static <C> C failAt(Path file, Map<String, JsonLocation> where, String prefix,
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
  private static void locate(Path file, JsonParser p, String path,
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

  private static Invalid invalid(Path file, JsonLocation at, String what, Throwable cause) {
    return new Invalid(place(file, at) + ": " + what, cause);
  }

  /** {@code FILE:LINE:COL}, or the file alone when the position is unknown. */
  private static String place(Path file, JsonLocation at) {
    return at == null || at.getLineNr() < 1 ? file.toString()
        : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
  }
}
