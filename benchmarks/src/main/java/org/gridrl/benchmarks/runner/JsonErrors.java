package org.gridrl.benchmarks.runner;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A config file's problems in the words of JSON and of the config's fields, never of the JSON
 * library: {@link #syntax} turns the parser's message about broken JSON into one a person who
 * edited the file understands ("comments are not allowed in JSON"), and {@link #checkTypes}
 * compares every value the file gives with the JSON type its field takes ("episodes: expected an
 * integer, got 1.5"), before the library binds the values and would speak of coercion configs and
 * Java classes.
 */
final class JsonErrors {

  private JsonErrors() {
  }

  private static final Pattern UNEXPECTED_CHAR =
      Pattern.compile("^Unexpected character \\('(.*?)' \\(code (\\d+)[^)]*\\)\\)(.*)$",
          Pattern.DOTALL);
  private static final Pattern NON_STANDARD = Pattern.compile("^Non-standard token '([^']*)'");
  private static final Pattern UNRECOGNIZED = Pattern.compile("^Unrecognized token '([^']*)'");
  private static final Pattern CLOSE_MARKER =
      Pattern.compile("^Unexpected close marker '(.)': expected '(.)'");
  private static final Pattern CONTROL = Pattern.compile("CTRL-CHAR, code (\\d+)");
  private static final Pattern ESCAPE = Pattern.compile("^Unrecognized character escape '(.*?)'");

  /**
   * The plain words of a JSON syntax error, from the parser's message.
   *
   * @param message the parser's message (its first line is used)
   */
  static String syntax(String message) {
    String m = message == null ? "" : message.split("\n")[0];
    Matcher c = UNEXPECTED_CHAR.matcher(m);
    if (c.find()) {
      String ch = shownChar(c.group(1), Integer.parseInt(c.group(2)));
      String rest = c.group(3);
      if (rest.contains("comment")) {
        return "comments are not allowed in JSON";
      }
      if (rest.contains("double-quote to start field name")) {
        if (ch.equals("'}'")) {
          return "a comma before '}' must be followed by another field (JSON allows no"
              + " trailing comma)";
        }
        if (ch.equals("'''")) {
          return "field names need double quotes, not single quotes";
        }
        return "expected a field name in double quotes, got " + ch;
      }
      if (rest.contains("expected a valid value")) {
        if (ch.equals("']'")) {
          return "a comma before ']' must be followed by another value (JSON allows no"
              + " trailing comma)";
        }
        if (ch.equals("'''")) {
          return "strings need double quotes, not single quotes";
        }
        if (ch.equals("'.'") || ch.equals("'+'")) {
          return "expected a value, got " + ch + " (a JSON number starts with a digit or '-':"
              + " 0.5, not .5 or +0.5)";
        }
        return "expected a value (a number, a string in double quotes, true, false, null, an"
            + " array or an object), got " + ch;
      }
      if (rest.contains("comma to separate Object entries")) {
        return "expected ',' or '}' after a field's value, got " + ch;
      }
      if (rest.contains("comma to separate Array entries")) {
        return "expected ',' or ']' after a value in an array, got " + ch;
      }
      if (rest.contains("colon to separate field name and value")) {
        return "expected ':' after the field name, got " + ch;
      }
      return "unexpected " + ch;
    }
    Matcher n = NON_STANDARD.matcher(m);
    if (n.find()) {
      return n.group(1) + " is not a JSON number (JSON has no NaN or infinity)";
    }
    Matcher u = UNRECOGNIZED.matcher(m);
    if (u.find()) {
      return "'" + u.group(1) + "' is not a JSON value (strings need double quotes; true, false"
          + " and null are lower case)";
    }
    Matcher k = CLOSE_MARKER.matcher(m);
    if (k.find()) {
      return "'" + k.group(1) + "' does not close what is open here; expected '" + k.group(2)
          + "'";
    }
    if (m.startsWith("Unexpected end-of-input")) {
      if (m.toLowerCase(Locale.ROOT).contains("string value") || m.contains("field name")) {
        return "the file ends inside a string (a closing '\"' is missing)";
      }
      return "the file ends before the JSON is complete (a closing '}' or ']' is missing)";
    }
    Matcher ctl = CONTROL.matcher(m);
    if (ctl.find()) {
      int code = Integer.parseInt(ctl.group(1));
      return "a control character (code " + code + ") inside a string must be escaped"
          + (code == 9 ? " as \\t" : code == 10 ? " as \\n" : code == 13 ? " as \\r"
          : String.format(Locale.ROOT, " as \\u%04x", code));
    }
    Matcher e = ESCAPE.matcher(m);
    if (e.find()) {
      return "unknown escape '\\" + e.group(1) + "' in a string (JSON has \\\" \\\\ \\/ \\b \\f"
          + " \\n \\r \\t and \\uXXXX)";
    }
    if (m.contains("Leading zeroes")) {
      return "a number may not start with 0 (JSON allows no leading zeroes)";
    }
    if (m.startsWith("Invalid numeric value")) {
      return "not a valid JSON number";
    }
    return "not valid JSON here";
  }

  /**
   * How far past the start of the offending token the parser places its error: the length of
   * NaN or Infinity, which it reports after reading them; 0 for every other error.
   */
  static int reportedPastToken(String message) {
    Matcher n = NON_STANDARD.matcher(message == null ? "" : message);
    return n.find() ? n.group(1).length() : 0;
  }

  /** A character from the parser's message, quoted, or named when it cannot be seen. */
  private static String shownChar(String ch, int code) {
    if (code < 32 || code == 127) {
      return String.format(Locale.ROOT, "a control character (code %d)", code);
    }
    return "'" + ch + "'";
  }

  /**
   * The words of a value the library refused although its JSON type was right: the value and
   * that it cannot be used, without the library's class names.
   */
  static String binding(String message) {
    String m = message == null ? "" : message.split("\n")[0];
    Matcher range = Pattern.compile("^Numeric value \\((.*?)\\) out of range of (\\w+)")
        .matcher(m);
    if (range.find()) {
      return range.group(1) + " is out of range for " + (range.group(2).equals("int")
          ? "a 32-bit integer" : "a 64-bit integer");
    }
    return "this value cannot be used for this field";
  }

  /**
   * The first value of {@code user} whose JSON type does not fit its field in {@code type}, as
   * "PATH: expected an integer, got 1.5", or null when every value fits. Fields the type does
   * not have are skipped (the caller has refused them already); values of types other than
   * numbers, strings, booleans, enums, lists and records are left to the binding.
   *
   * @param path the path of {@code user} ("" for the root, "config" in a summary.json)
   * @param user the file's value
   * @param type the Java type it becomes
   */
  static String checkTypes(String path, JsonNode user, Type type) {
    Class<?> raw = raw(type);
    if (raw == null) {
      return null;
    }
    if (user.isNull()) {
      return raw.isPrimitive() ? mismatch(path, type, user) : null;
    }
    if (raw.isRecord()) {
      if (!user.isObject()) {
        return mismatch(path, type, user);
      }
      for (Map.Entry<String, JsonNode> f : user.properties()) {
        for (RecordComponent rc : raw.getRecordComponents()) {
          if (rc.getName().equals(f.getKey())) {
            String child = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
            String bad = checkTypes(child, f.getValue(), rc.getGenericType());
            if (bad != null) {
              return bad;
            }
          }
        }
      }
      return null;
    }
    if (List.class.isAssignableFrom(raw)) {
      if (!user.isArray()) {
        return mismatch(path, type, user);
      }
      Type element = type instanceof ParameterizedType pt ? pt.getActualTypeArguments()[0]
          : null;
      for (int i = 0; i < user.size() && element != null; i++) {
        String bad = checkTypes(path + "[" + i + "]", user.get(i), element);
        if (bad != null) {
          return bad;
        }
      }
      return null;
    }
    if (isFloating(raw)) {
      boolean nonFinite = user.isTextual() && List.of("NaN", "Infinity", "-Infinity")
          .contains(user.asText()); // how the writer spells them, so a summary reads back
      return user.isNumber() || nonFinite ? null : mismatch(path, type, user);
    }
    if (isIntegral(raw)) {
      if (!user.isIntegralNumber()) {
        return mismatch(path, type, user);
      }
      boolean fits = raw == long.class || raw == Long.class ? user.canConvertToLong()
          : user.canConvertToInt();
      return fits ? null : path + ": " + user.asText() + " is out of range for "
          + (raw == long.class || raw == Long.class ? "a 64-bit integer"
          : "a 32-bit integer (at most " + Integer.MAX_VALUE + ")");
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return user.isBoolean() ? null : mismatch(path, type, user);
    }
    if (raw == String.class) {
      return user.isTextual() ? null : mismatch(path, type, user);
    }
    if (raw.isEnum()) {
      if (!user.isTextual()) {
        return mismatch(path, type, user);
      }
      for (Object constant : raw.getEnumConstants()) {
        if (((Enum<?>) constant).name().equals(user.asText())) {
          return null;
        }
      }
      return mismatch(path, type, user);
    }
    return null;
  }

  private static String mismatch(String path, Type type, JsonNode user) {
    return path + ": expected " + expected(type, false) + ", got " + shown(user);
  }

  /** What a field of {@code type} takes, in JSON words ("an integer", "an array of numbers"). */
  static String expected(Type type, boolean plural) {
    Class<?> raw = raw(type);
    if (raw == null) {
      return plural ? "values" : "a value";
    }
    if (raw.isRecord()) {
      return plural ? "objects" : "an object";
    }
    if (List.class.isAssignableFrom(raw)) {
      Type element = type instanceof ParameterizedType pt ? pt.getActualTypeArguments()[0]
          : null;
      return plural ? "arrays" : "an array of " + expected(element, true);
    }
    if (isFloating(raw)) {
      return plural ? "numbers" : "a number";
    }
    if (isIntegral(raw)) {
      return plural ? "integers" : "an integer";
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return plural ? "true or false values" : "true or false";
    }
    if (raw.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object constant : raw.getEnumConstants()) {
        names.add("\"" + ((Enum<?>) constant).name() + "\"");
      }
      return (plural ? "strings, each one of " : "one of ") + String.join(", ", names);
    }
    return plural ? "strings" : "a string";
  }

  /** A JSON value as the file has it: 1.5, true, null, the string "x", an array, an object. */
  static String shown(JsonNode v) {
    if (v.isTextual()) {
      String t = v.asText();
      return "the string \"" + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "\"";
    }
    if (v.isArray()) {
      return "an array";
    }
    if (v.isObject()) {
      return "an object";
    }
    return v.toString();
  }

  private static boolean isFloating(Class<?> c) {
    return c == double.class || c == Double.class || c == float.class || c == Float.class;
  }

  private static boolean isIntegral(Class<?> c) {
    return c == int.class || c == Integer.class || c == long.class || c == Long.class
        || c == short.class || c == Short.class;
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
}
