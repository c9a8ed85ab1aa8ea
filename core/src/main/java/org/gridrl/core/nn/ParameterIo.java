package org.gridrl.core.nn;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.google.common.base.Strings;
import com.google.common.collect.Sets;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.DoubleStream;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.Numbers;

/**
 * Saves and loads a {@link Module}'s parameters as JSON of exactly this schema:
 *
 * <pre>
 * {"format": "gridrl-parameters", "version": 1,
 *  "parameters": [{"name": "layer0.weight", "rows": 32, "cols": 64, "data": [...]}, ...]}
 * </pre>
 *
 * with {@code data} row-major (rows × cols numbers) and the parameters in the module's order,
 * laid out by Jackson's {@link DefaultPrettyPrinter} (a line per key, a parameter's data on one
 * line). Numbers are written in {@link Numbers#shortest} form and read by
 * {@link Double#parseDouble}, so save then load restores every double bit for bit (−0 too).
 *
 * <p>Loading is strict and atomic. Jackson's streaming parser ({@code jackson-core}) refuses
 * what is not RFC 8259 JSON (NaN, comments, trailing commas, ...) and duplicate keys; the reader
 * walks the schema over its tokens and refuses anything after the document, a missing or unknown
 * key, a value of the wrong type (at its first token: nothing nests deeper than the schema), a
 * number beyond the range of a double, and parameters that are not exactly the module's by name
 * (in any order) and shape. The first error met is a {@link ParameterFormatException} naming the
 * source, the line (and column, for JSON syntax and numbers) and the key or parameter; the
 * module is written only when the whole text is valid.
 */
public final class ParameterIo {

  /** The value of the {@code format} key. */
  public static final String FORMAT = "gridrl-parameters";
  /** The schema version this class writes and reads. */
  public static final int VERSION = 1;

  private static final List<String> DOCUMENT_KEYS = List.of("format", "version", "parameters");
  private static final List<String> ENTRY_KEYS = List.of("name", "rows", "cols", "data");

  /** Jackson's strict defaults, duplicate keys refused, JSON's unbounded lengths allowed. */
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE)
          .maxStringLength(Integer.MAX_VALUE).maxNameLength(Integer.MAX_VALUE).build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(StreamReadFeature.AUTO_CLOSE_SOURCE) // the caller's reader stays open
      .build();

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
    try { // toJson validates everything before the file is touched
      Files.writeString(file, toJson(module), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e, e);
    }
  }

  /** Writes the JSON to {@code out} and flushes it (does not close it). */
  public static void write(Module module, Writer out) {
    try {
      out.write(toJson(module));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write parameters: " + e, e);
    }
  }

  /**
   * The JSON text: one line per key, each parameter's data on one line.
   *
   * @throws IllegalArgumentException if two parameters share a name or a value is not finite
   */
  public static String toJson(Module module) {
    StringWriter out = new StringWriter(64 + 24 * module.numScalars());
    Set<String> names = new HashSet<>();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.setPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER)) // "key": value
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))); // the same on every platform
      g.writeStartObject();
      g.writeStringField("format", FORMAT);
      g.writeNumberField("version", VERSION);
      g.writeArrayFieldStart("parameters");
      for (Parameter param : module.parameters()) {
        Check.argument(names.add(param.name()), "the module has two parameters named '%s'",
            param.name());
        DMatrixRMaj m = param.value();
        g.writeStartObject();
        g.writeStringField("name", param.name());
        g.writeNumberField("rows", m.numRows);
        g.writeNumberField("cols", m.numCols);
        g.writeFieldName("data");
        g.writeStartArray();
        for (int k = 0; k < m.numRows * m.numCols; k++) {
          if (!Double.isFinite(m.data[k])) {
            throw new IllegalArgumentException("parameter '" + param.name() + "' has the value "
                + m.data[k] + " at (" + k / m.numCols + ", " + k % m.numCols
                + "); JSON has no non-finite numbers");
          }
          g.writeNumber(Numbers.shortest(m.data[k])); // the text as is
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write parameters: " + e, e); // not to a string
    }
    return out.toString();
  }

  /**
   * Loads a UTF-8 parameter file into the module's existing matrices.
   *
   * @param module the module whose parameter values are overwritten. Modified (only if the
   *     whole file is valid).
   * @param file the file; its path (as given) names it in error messages
   * @throws ParameterFormatException if the file is malformed or does not match the module
   * @throws UncheckedIOException if the file cannot be read (or is not UTF-8), naming it
   */
  public static void load(Module module, Path file) {
    String name = file.toString();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      read(module, in, name);
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("cannot read " + name + ": no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + ": " + e, e);
    }
  }

  /**
   * Loads parameters from a character stream (read to its end if valid; not closed).
   *
   * @param module the module. Modified (only if the whole text is valid).
   * @param in the JSON text
   * @param sourceName what error messages call the source
   * @throws ParameterFormatException if the text is malformed or does not match the module
   * @throws UncheckedIOException if reading fails
   */
  public static void read(Module module, Reader in, String sourceName) {
    try (JsonParser p = JSON.createParser(in)) {
      new Loader(module, p, sourceName).load();
    } catch (JsonProcessingException e) {
      throw syntaxError(sourceName, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + sourceName + ": " + e, e);
    }
  }

  /** {@link #read} from text held in memory. */
  public static void fromJson(Module module, String json, String sourceName) {
    read(module, new StringReader(json), sourceName);
  }

  /** One pass over the parser's tokens that follows the schema; throws at the first misfit. */
  private static final class Loader {
    private final JsonParser p;
    private final String src;
    private final Map<String, Parameter> byName = new LinkedHashMap<>();
    /** The parameters read so far: their numbers, and the lines of their names. */
    private final Map<String, double[]> values = new HashMap<>();
    private final Map<String, Integer> lines = new HashMap<>();

    Loader(Module module, JsonParser p, String src) {
      this.p = p;
      this.src = src;
      module.parameters().forEach(param -> byName.put(param.name(), param));
    }

    void load() throws IOException {
      p.nextToken();
      int line = line();
      require(p.currentToken() == JsonToken.START_OBJECT, "the document must be an object");
      boolean[] seen = new boolean[DOCUMENT_KEYS.size()];
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        switch (key(DOCUMENT_KEYS, "the document", seen)) {
          case "format" -> require(p.currentToken() == JsonToken.VALUE_STRING
              && FORMAT.equals(p.getText()), "\"format\" must be \"" + FORMAT + "\"");
          // JSON has no leading zeros or plus signs: the integer 1 is the text "1"
          case "version" -> require(p.currentToken() == JsonToken.VALUE_NUMBER_INT
              && "1".equals(p.getText()), "\"version\" must be 1 (the only one this reader knows)");
          case "parameters" -> {
            require(p.currentToken() == JsonToken.START_ARRAY, "\"parameters\" must be an array");
            while (p.nextToken() != JsonToken.END_ARRAY) {
              entry();
            }
          }
        }
      }
      requireKeys("the document", line, DOCUMENT_KEYS, seen);
      if (p.nextToken() != null) {
        throw atToken("the JSON document is followed by " + describe());
      }
      check(values.size() == byName.size(), 0, "the module's parameters %s are missing from the"
          + " file", Sets.difference(byName.keySet(), values.keySet()));
      values.forEach((name, x) -> System.arraycopy(x, 0, byName.get(name).value().data, 0,
          x.length));
    }

    /** One entry of {@code "parameters"} (its first token current), matched to the module. */
    private void entry() throws IOException {
      int line = line();
      require(p.currentToken() == JsonToken.START_OBJECT,
          "each entry of \"parameters\" must be an object");
      boolean[] seen = new boolean[ENTRY_KEYS.size()];
      String name = null;
      int[] shape = new int[2];
      double[] data = null;
      int nameLine = 0;
      int dataLine = 0;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = key(ENTRY_KEYS, "a parameter entry", seen);
        if (key.equals("name")) {
          require(p.currentToken() == JsonToken.VALUE_STRING, "\"name\" must be a string");
          name = p.getText();
          nameLine = line();
        } else if (key.equals("data")) {
          dataLine = line();
          data = data(name);
        } else {
          require(p.currentToken() == JsonToken.VALUE_NUMBER_INT
              && p.getNumberType() == JsonParser.NumberType.INT && p.getIntValue() >= 1,
              "\"" + key + "\"" + of(name) + " must be an integer >= 1");
          shape[key.equals("rows") ? 0 : 1] = p.getIntValue();
        }
      }
      requireKeys("a parameter entry", line, ENTRY_KEYS, seen);
      Integer first = lines.put(name, nameLine);
      check(first == null, nameLine, "parameter '%s' appears twice (first at line %s)", name,
          first);
      Parameter target = byName.get(name);
      check(target != null, nameLine,
          "parameter '%s' is not a parameter of the module (which has %s)", name, byName.keySet());
      DMatrixRMaj m = target.value();
      check(shape[0] == m.numRows && shape[1] == m.numCols, nameLine,
          "parameter '%s' is %s×%s in the file but %s×%s in the module", name, shape[0], shape[1],
          m.numRows, m.numCols);
      check(data.length == m.getNumElements(), dataLine,
          "\"data\" of parameter '%s' has %s numbers, expected rows × cols = %s × %s = %s", name,
          data.length, m.numRows, m.numCols, m.getNumElements());
      values.put(name, data);
    }

    /** The current value as an array of numbers, each read exactly and finite. */
    private double[] data(String name) throws IOException {
      require(p.currentToken() == JsonToken.START_ARRAY,
          "\"data\"" + of(name) + " must be an array");
      DoubleStream.Builder x = DoubleStream.builder();
      for (int n = 0; p.nextToken() != JsonToken.END_ARRAY; n++) {
        if (!p.currentToken().isNumeric()) {
          require(false, "\"data\"[" + n + "]" + of(name) + " must be a number");
        }
        double v = Double.parseDouble(p.getText()); // JSON's number syntax is a subset of Java's
        if (Double.isInfinite(v)) {
          throw atToken("number " + p.getText() + " is outside the range of a double");
        }
        x.add(v);
      }
      return x.build().toArray();
    }

    /** The current key, if one of {@code keys} (marked in {@code seen}), the parser moved on. */
    private String key(List<String> keys, String what, boolean[] seen) throws IOException {
      int k = keys.indexOf(p.currentName());
      check(k >= 0, line(), "%s has the unknown key %s (expected exactly %s)", what,
          quote(p.currentName()), String.join(", ", keys));
      seen[k] = true; // Jackson refuses a key seen twice
      p.nextToken();
      return keys.get(k);
    }

    private void requireKeys(String what, int line, List<String> keys, boolean[] seen) {
      for (int k = 0; k < keys.size(); k++) {
        check(seen[k], line, "%s has no %s key", what, quote(keys.get(k)));
      }
    }

    /** Unless {@code ok}: "what, got [the current value]" at its line. */
    private void require(boolean ok, String what) throws IOException {
      if (!ok) {
        throw new ParameterFormatException(src, line(), what + ", got " + describe());
      }
    }

    /** Unless {@code ok}: the message (Guava's {@code %s} template) at the line. */
    private void check(boolean ok, int line, String template, Object... args) {
      if (!ok) {
        throw new ParameterFormatException(src, line, Strings.lenientFormat(template, args));
      }
    }

    private String describe() throws IOException {
      return p.currentToken() == null ? "the end of the file" : switch (p.currentToken()) {
        case START_OBJECT -> "an object";
        case START_ARRAY -> "an array";
        case VALUE_STRING -> quote(p.getText());
        default -> p.getText(); // a number, true, false or null
      };
    }

    private int line() {
      return p.currentTokenLocation().getLineNr();
    }

    private ParameterFormatException atToken(String what) {
      JsonLocation at = p.currentTokenLocation();
      return new ParameterFormatException(src, at.getLineNr(), at.getColumnNr(), what);
    }
  }

  /** " of parameter 'name'" once the entry's name is known, else nothing. */
  private static String of(String name) {
    return name == null ? "" : " of parameter '" + name + "'";
  }

  /** A JSON string literal for a message, cut at 40 characters. */
  private static String quote(String s) {
    String head = s.length() > 40 ? s.substring(0, 40) + "..." : s;
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(head)) + "\"";
  }

  /**
   * Jackson's syntax error at its line and column. A few of its messages end in advice that
   * names Jackson's own switches or a "[Source: ...]" (how to accept NaN, a comment or a plus
   * sign; where an unclosed bracket opened), which a parameter file cannot use: the text stops
   * at the " (" or ": " that opens such a tail.
   */
  private static ParameterFormatException syntaxError(String src, JsonProcessingException e) {
    String what = e.getOriginalMessage();
    for (String jacksonName : new String[] {"`", "Feature '", "[Source"}) {
      int at = what.indexOf(jacksonName); // -1, and so cut -1, if absent
      int cut = Math.max(what.lastIndexOf(" (", at), what.lastIndexOf(": ", at));
      what = cut > 0 ? what.substring(0, cut) : what;
    }
    JsonLocation at = e.getLocation() != null ? e.getLocation() : JsonLocation.NA;
    ParameterFormatException error = new ParameterFormatException(src, at.getLineNr(),
        at.getColumnNr(), Character.toLowerCase(what.charAt(0)) + what.substring(1));
    error.initCause(e);
    return error;
  }
}
