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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An experiment's config read from a JSON file ({@code gridrl run NAME --config FILE}): either a
 * JSON object with some of the config record's fields, or a whole {@code summary.json} of an
 * earlier run (its {@code "config"} object is used, and its {@code "experiment"} must be this
 * experiment), so any recorded run can be repeated exactly.
 *
 * <p>Fields the file leaves out keep their values from the base config (the experiment's
 * default or {@code --quick} config); nested objects (an algorithm's settings) are merged field by
 * field; arrays and values are replaced whole. Every problem is reported as one line naming the
 * file, the line and column of the offending field and what is wrong: a JSON syntax error, an
 * unknown field (with the known ones), a value of the wrong type, or a value the config record's
 * own validation refuses (its message names the field).
 */
public final class ConfigFile {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

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
    String text = Files.readString(file, StandardCharsets.UTF_8);
    JsonNode root;
    Map<String, JsonLocation> where = new HashMap<>();
    try (JsonParser p = MAPPER.getFactory().createParser(text)) {
      if (p.nextToken() == null) {
        throw new Invalid(file + ": empty file; expected a JSON object", null);
      }
      locate(p, "", where);
      if (p.nextToken() != null) {
        throw invalid(file, p.currentTokenLocation(), "unexpected content after the JSON object",
            null);
      }
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw invalid(file, e.getLocation(), e.getOriginalMessage().split("\n")[0], e);
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
    ObjectNode merged = MAPPER.valueToTree(base);
    merge(file, where, prefix, merged, (ObjectNode) root, experiment);
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
      String path = path(prefix, e.getPath());
      String field = path.isEmpty() ? "config" : path;
      throw invalid(file, where.get(path), field + ": " + e.getOriginalMessage().split("\n")[0]
          .replaceAll(" \\(class [^)]*\\)", "").replaceAll("`", ""), e);
    }
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

  /** Records where each field's name (or, for the root and array items, the value) starts. */
  private static void locate(JsonParser p, String path, Map<String, JsonLocation> where)
      throws IOException {
    where.putIfAbsent(path, p.currentTokenLocation());
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String child = path.isEmpty() ? p.currentName() : path + "." + p.currentName();
        where.put(child, p.currentTokenLocation());
        p.nextToken();
        locate(p, child, where);
      }
    } else if (t == JsonToken.START_ARRAY) {
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        locate(p, path + "[" + i++ + "]", where);
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
    String place = at == null || at.getLineNr() < 1 ? file.toString()
        : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
    return new Invalid(place + ": " + what, cause);
  }
}
