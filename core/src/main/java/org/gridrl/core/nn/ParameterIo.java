package org.gridrl.core.nn;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.util.Numbers;

/**
 * Saves and loads a {@link Module}'s parameters as JSON of exactly this schema:
 *
 * <pre>
 * {"format": "gridrl-parameters", "version": 1,
 *  "parameters": [{"name": "layer0.weight", "rows": 32, "cols": 64, "data": [...]}, ...]}
 * </pre>
 *
 * with {@code data} row-major (rows × cols numbers) and the parameters in the module's order.
 * Numbers are written in {@link Numbers#shortest} form, so save then load restores every double
 * bit for bit (−0 included).
 *
 * <p>Loading is strict and atomic: the JSON must be well formed (RFC 8259; no NaN, comments or
 * trailing commas), must have exactly the keys above, and the file's parameters must be exactly
 * the module's, by name (order free) and shape; only then are the values copied into the
 * module's existing matrices. Every error is a {@link ParameterFormatException} naming the file,
 * the line and the parameter.
 */
public final class ParameterIo {

  /** The value of the {@code format} key. */
  public static final String FORMAT = "gridrl-parameters";
  /** The schema version this class writes and reads. */
  public static final int VERSION = 1;

  private ParameterIo() {
  }

  /**
   * Writes the parameters of {@code module} to a UTF-8 file (created or truncated).
   *
   * @param module the module. Not modified.
   * @param file the file. Modified.
   * @throws IllegalArgumentException if two parameters share a name or a value is not finite
   * @throws UncheckedIOException if the file cannot be written, naming it
   */
  public static void save(Module module, Path file) {
    String text = toJson(module); // validate everything before touching the file
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e, e);
    }
  }

  /** Writes the JSON to {@code out} and flushes it (does not close it). */
  public static void write(Module module, Writer out) {
    String text = toJson(module);
    try {
      out.write(text);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write parameters: " + e, e);
    }
  }

  /**
   * The JSON text: one line per key, each parameter's data one matrix row per line.
   *
   * @throws IllegalArgumentException if two parameters share a name or a value is not finite
   */
  public static String toJson(Module module) {
    List<Parameter> ps = module.parameters();
    Map<String, Integer> seen = new HashMap<>();
    StringBuilder sb = new StringBuilder(64 + 24 * module.numScalars());
    sb.append("{\n  \"format\": \"").append(FORMAT).append("\",\n  \"version\": ")
        .append(VERSION).append(",\n  \"parameters\": [");
    for (int p = 0; p < ps.size(); p++) {
      Parameter param = ps.get(p);
      if (seen.put(param.name(), p) != null) {
        throw new IllegalArgumentException("the module has two parameters named '"
            + param.name() + "' (indices " + seen.get(param.name()) + " and " + p + ")");
      }
      DMatrixRMaj m = param.value();
      sb.append(p == 0 ? "\n" : ",\n");
      sb.append("    {\"name\": ");
      quote(param.name(), sb);
      sb.append(", \"rows\": ").append(m.numRows).append(", \"cols\": ").append(m.numCols)
          .append(", \"data\": [");
      for (int i = 0; i < m.numRows; i++) {
        sb.append(i == 0 ? "\n      " : ",\n      ");
        for (int j = 0; j < m.numCols; j++) {
          double v = m.data[i * m.numCols + j];
          if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("parameter '" + param.name() + "' has the value "
                + v + " at (" + i + ", " + j + "); JSON has no non-finite numbers");
          }
          if (j > 0) {
            sb.append(", ");
          }
          sb.append(Numbers.shortest(v));
        }
      }
      sb.append("\n    ]}");
    }
    sb.append(ps.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
    return sb.toString();
  }

  /**
   * Loads a UTF-8 parameter file into the module's existing matrices.
   *
   * @param module the module whose parameter values are overwritten. Modified (only if the
   *     whole file is valid).
   * @param file the file; its path (as given) names it in error messages
   * @throws ParameterFormatException if the file is malformed or does not match the module
   * @throws UncheckedIOException if the file cannot be read, naming it
   */
  public static void load(Module module, Path file) {
    String name = file.toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("cannot read " + name + ": no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + ": " + e, e);
    }
    fromJson(module, text, name);
  }

  /**
   * Loads parameters from a character stream (read to the end, not closed).
   *
   * @param module the module. Modified (only if the whole text is valid).
   * @param in the JSON text
   * @param sourceName what error messages call the source
   * @throws ParameterFormatException if the text is malformed or does not match the module
   * @throws UncheckedIOException if reading fails
   */
  public static void read(Module module, Reader in, String sourceName) {
    StringWriter buf = new StringWriter();
    try {
      in.transferTo(buf);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + sourceName + ": " + e, e);
    }
    Object root = new JsonParser(buf.toString(), sourceName).parseDocument();
    apply(module, root, sourceName);
  }

  /** {@link #read} from text held in memory. */
  public static void fromJson(Module module, String json, String sourceName) {
    read(module, new StringReader(json), sourceName);
  }

  // ---------------------------------------------------------------- schema

  private static void apply(Module module, Object root, String src) {
    Obj top = expectObject(root, "the document", src);
    top.requireExactly(src, "the document", "format", "version", "parameters");
    Object format = top.get("format");
    if (!(format instanceof Str) || !FORMAT.equals(((Str) format).text)) {
      throw new ParameterFormatException(src, lineOf(format), "\"format\" must be \"" + FORMAT
          + "\", got " + describe(format));
    }
    Object version = top.get("version");
    if (!(version instanceof Num) || !String.valueOf(VERSION).equals(((Num) version).text)) {
      throw new ParameterFormatException(src, lineOf(version), "unsupported \"version\" "
          + describe(version) + "; this reader knows version " + VERSION);
    }
    Object list = top.get("parameters");
    if (!(list instanceof Arr)) {
      throw new ParameterFormatException(src, lineOf(list), "\"parameters\" must be an array, got "
          + describe(list));
    }
    Map<String, Parameter> byName = new LinkedHashMap<>();
    for (Parameter p : module.parameters()) {
      byName.put(p.name(), p);
    }
    Map<String, Integer> fileLines = new HashMap<>();
    List<Parameter> targets = new ArrayList<>();
    List<double[]> values = new ArrayList<>();
    for (Object item : ((Arr) list).items) {
      Obj entry = expectObject(item, "each entry of \"parameters\"", src);
      entry.requireExactly(src, "a parameter entry", "name", "rows", "cols", "data");
      Object nameNode = entry.get("name");
      if (!(nameNode instanceof Str)) {
        throw new ParameterFormatException(src, lineOf(nameNode), "\"name\" must be a string, got "
            + describe(nameNode));
      }
      String name = ((Str) nameNode).text;
      Integer before = fileLines.put(name, entry.line);
      if (before != null) {
        throw new ParameterFormatException(src, entry.line, "parameter '" + name
            + "' appears twice (first at line " + before + ")");
      }
      int rows = dimension(entry.get("rows"), "rows", name, src);
      int cols = dimension(entry.get("cols"), "cols", name, src);
      Parameter target = byName.get(name);
      if (target == null) {
        throw new ParameterFormatException(src, entry.line, "parameter '" + name
            + "' is not a parameter of the module (which has " + byName.keySet() + ")");
      }
      DMatrixRMaj m = target.value();
      if (rows != m.numRows || cols != m.numCols) {
        throw new ParameterFormatException(src, entry.line, "parameter '" + name + "' is "
            + rows + "×" + cols + " in the file but " + m.numRows + "×" + m.numCols
            + " in the module");
      }
      Object dataNode = entry.get("data");
      if (!(dataNode instanceof Arr)) {
        throw new ParameterFormatException(src, lineOf(dataNode), "\"data\" of parameter '" + name
            + "' must be an array, got " + describe(dataNode));
      }
      List<Object> items = ((Arr) dataNode).items;
      if (items.size() != rows * cols) {
        throw new ParameterFormatException(src, lineOf(dataNode), "\"data\" of parameter '" + name
            + "' has " + items.size() + " numbers, expected rows × cols = " + rows + " × " + cols
            + " = " + rows * cols);
      }
      double[] v = new double[items.size()];
      for (int k = 0; k < v.length; k++) {
        Object x = items.get(k);
        if (!(x instanceof Num)) {
          throw new ParameterFormatException(src, lineOf(x), "entry " + k + " of parameter '"
              + name + "' must be a number, got " + describe(x));
        }
        v[k] = ((Num) x).value;
      }
      targets.add(target);
      values.add(v);
    }
    for (String name : byName.keySet()) {
      if (!fileLines.containsKey(name)) {
        throw new ParameterFormatException(src, 0, "the module's parameter '" + name
            + "' is missing from the file");
      }
    }
    for (int i = 0; i < targets.size(); i++) {
      double[] v = values.get(i);
      System.arraycopy(v, 0, targets.get(i).value().data, 0, v.length);
    }
  }

  private static int dimension(Object node, String key, String name, String src) {
    if (!(node instanceof Num) || !INTEGER.matcher(((Num) node).text).matches()
        || ((Num) node).value < 1 || ((Num) node).value > Integer.MAX_VALUE) {
      throw new ParameterFormatException(src, lineOf(node), "\"" + key + "\" of parameter '"
          + name + "' must be an integer >= 1, got " + describe(node));
    }
    return (int) ((Num) node).value;
  }

  private static final Pattern INTEGER = Pattern.compile("[1-9][0-9]{0,9}");

  private static Obj expectObject(Object node, String what, String src) {
    if (!(node instanceof Obj)) {
      throw new ParameterFormatException(src, lineOf(node), what + " must be an object, got "
          + describe(node));
    }
    return (Obj) node;
  }

  private static int lineOf(Object node) {
    return ((Node) node).line;
  }

  private static String describe(Object node) {
    if (node instanceof Str) {
      String t = ((Str) node).text;
      StringBuilder sb = new StringBuilder();
      quote(t.length() > 40 ? t.substring(0, 40) + "..." : t, sb);
      return sb.toString();
    }
    if (node instanceof Num) {
      return ((Num) node).text;
    }
    if (node instanceof Obj) {
      return "an object";
    }
    if (node instanceof Arr) {
      return "an array";
    }
    return ((Lit) node).text;
  }

  private static void quote(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }

  // ---------------------------------------------------------------- JSON

  /** A parsed JSON value with the line it starts on. */
  private abstract static class Node {
    final int line;

    Node(int line) {
      this.line = line;
    }
  }

  private static final class Obj extends Node {
    final Map<String, Object> members = new LinkedHashMap<>();
    final Map<String, Integer> keyLines = new HashMap<>();

    Obj(int line) {
      super(line);
    }

    Object get(String key) {
      return members.get(key);
    }

    void requireExactly(String src, String what, String... keys) {
      for (String k : members.keySet()) {
        boolean known = false;
        for (String allowed : keys) {
          known |= allowed.equals(k);
        }
        if (!known) {
          throw new ParameterFormatException(src, keyLines.get(k), what + " has the unknown key \""
              + k + "\" (expected exactly " + String.join(", ", keys) + ")");
        }
      }
      for (String k : keys) {
        if (!members.containsKey(k)) {
          throw new ParameterFormatException(src, line, what + " has no \"" + k + "\" key");
        }
      }
    }
  }

  private static final class Arr extends Node {
    final List<Object> items = new ArrayList<>();

    Arr(int line) {
      super(line);
    }
  }

  private static final class Str extends Node {
    final String text;

    Str(int line, String text) {
      super(line);
      this.text = text;
    }
  }

  private static final class Num extends Node {
    final String text;
    final double value;

    Num(int line, String text, double value) {
      super(line);
      this.text = text;
      this.value = value;
    }
  }

  private static final class Lit extends Node {
    final String text;

    Lit(int line, String text) {
      super(line);
      this.text = text;
    }
  }

  /** A recursive-descent RFC 8259 parser that tracks lines; nesting is capped at 64. */
  private static final class JsonParser {
    private static final Pattern NUMBER =
        Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private final String s;
    private final String src;
    private int pos;
    private int line = 1;

    JsonParser(String s, String src) {
      this.s = s;
      this.src = src;
    }

    Object parseDocument() {
      skipWhitespace();
      if (pos == s.length()) {
        throw error("the file is empty; expected a JSON object");
      }
      Object root = value(0);
      skipWhitespace();
      if (pos < s.length()) {
        throw error("unexpected " + near() + " after the end of the JSON document");
      }
      return root;
    }

    private Object value(int depth) {
      if (depth > 64) {
        throw error("JSON nested deeper than 64 levels");
      }
      skipWhitespace();
      if (pos == s.length()) {
        throw error("unexpected end of file; expected a value");
      }
      char c = s.charAt(pos);
      switch (c) {
        case '{':
          return object(depth);
        case '[':
          return array(depth);
        case '"':
          return new Str(line, string());
        case 't':
          return literal("true");
        case 'f':
          return literal("false");
        case 'n':
          return literal("null");
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
          }
          throw error("unexpected " + near() + "; expected a value");
      }
    }

    private Obj object(int depth) {
      Obj o = new Obj(line);
      pos++; // {
      skipWhitespace();
      if (peek() == '}') {
        pos++;
        return o;
      }
      while (true) {
        skipWhitespace();
        if (peek() != '"') {
          throw error("unexpected " + near() + "; expected a quoted key");
        }
        int keyLine = line;
        String key = string();
        if (o.members.containsKey(key)) {
          throw error("duplicate key \"" + key + "\" (first at line " + o.keyLines.get(key) + ")");
        }
        skipWhitespace();
        expect(':');
        o.members.put(key, value(depth + 1));
        o.keyLines.put(key, keyLine);
        skipWhitespace();
        char c = peek();
        pos++;
        if (c == '}') {
          return o;
        }
        if (c != ',') {
          pos--;
          throw error("unexpected " + near() + "; expected ',' or '}'");
        }
      }
    }

    private Arr array(int depth) {
      Arr a = new Arr(line);
      pos++; // [
      skipWhitespace();
      if (peek() == ']') {
        pos++;
        return a;
      }
      while (true) {
        a.items.add(value(depth + 1));
        skipWhitespace();
        char c = peek();
        pos++;
        if (c == ']') {
          return a;
        }
        if (c != ',') {
          pos--;
          throw error("unexpected " + near() + "; expected ',' or ']'");
        }
      }
    }

    private String string() {
      pos++; // opening quote
      StringBuilder sb = new StringBuilder();
      while (true) {
        if (pos >= s.length()) {
          throw error("unterminated string");
        }
        char c = s.charAt(pos++);
        if (c == '"') {
          return sb.toString();
        }
        if (c < 0x20) {
          pos--;
          throw error("unescaped control character in a string");
        }
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        if (pos >= s.length()) {
          throw error("unterminated string");
        }
        char e = s.charAt(pos++);
        switch (e) {
          case '"':
          case '\\':
          case '/':
            sb.append(e);
            break;
          case 'b':
            sb.append('\b');
            break;
          case 'f':
            sb.append('\f');
            break;
          case 'n':
            sb.append('\n');
            break;
          case 'r':
            sb.append('\r');
            break;
          case 't':
            sb.append('\t');
            break;
          case 'u':
            if (pos + 4 > s.length()) {
              throw error("truncated \\u escape");
            }
            try {
              sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("bad \\u escape \\u" + s.substring(pos, pos + 4));
            }
            pos += 4;
            break;
          default:
            throw error("bad escape \\" + e + " in a string");
        }
      }
    }

    private Num number() {
      int start = pos;
      while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
        pos++;
      }
      String text = s.substring(start, pos);
      if (!NUMBER.matcher(text).matches()) {
        pos = start;
        throw error("malformed number '" + text + "'");
      }
      double v = Double.parseDouble(text);
      if (Double.isInfinite(v)) {
        pos = start;
        throw error("number " + text + " is outside the range of a double");
      }
      return new Num(line, text, v);
    }

    private Lit literal(String word) {
      if (!s.startsWith(word, pos)) {
        throw error("unexpected " + near() + "; expected a value");
      }
      pos += word.length();
      return new Lit(line, word);
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("unexpected " + near() + "; expected '" + c + "'");
      }
      pos++;
    }

    private char peek() {
      if (pos >= s.length()) {
        throw error("unexpected end of file");
      }
      return s.charAt(pos);
    }

    private void skipWhitespace() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == '\n') {
          line++;
        } else if (c != ' ' && c != '\t' && c != '\r') {
          return;
        }
        pos++;
      }
    }

    private String near() {
      if (pos >= s.length()) {
        return "end of file";
      }
      int end = Math.min(s.length(), pos + 12);
      int nl = s.indexOf('\n', pos);
      if (nl >= 0 && nl < end) {
        end = nl;
      }
      return "'" + s.substring(pos, Math.max(end, pos + 1)) + "'";
    }

    private ParameterFormatException error(String what) {
      return new ParameterFormatException(src, line, what);
    }
  }
}
