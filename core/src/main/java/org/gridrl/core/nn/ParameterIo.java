package org.gridrl.core.nn;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
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
import java.util.Arrays;
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
 * bit for bit (−0 included). The text has one line per key and one line per matrix row.
 *
 * <p>Loading is strict and atomic: the JSON must be well formed (RFC 8259; no NaN, comments or
 * trailing commas; no duplicate keys, nothing after the document, at most 64 levels of nesting,
 * every number within the range of a double), must have exactly the keys above, and the file's
 * parameters must be exactly the module's, by name (order free) and shape; only then are the
 * values copied into the module's existing matrices. Every error is a
 * {@link ParameterFormatException} naming the source and the line: a JSON syntax error also
 * names the column, a schema error the key or the parameter.
 *
 * <p>Both directions stream through Jackson ({@code jackson-core}; no tree and no data binding):
 * the writer lays the tokens out with a fixed {@link PrettyPrinter}, and the reader walks the
 * schema over the parser's tokens in one pass, reading every parameter's numbers into one
 * growing array. Schema errors are collected during the pass and reported after it, in the
 * order of the checks above, so a syntax error anywhere in the file takes precedence, as in a
 * parse-then-check reader.
 */
public final class ParameterIo {

  /** The value of the {@code format} key. */
  public static final String FORMAT = "gridrl-parameters";
  /** The schema version this class writes and reads. */
  public static final int VERSION = 1;

  /** Deepest nesting accepted (the schema needs 4 levels); a value deeper than this is refused. */
  private static final int MAX_DEPTH = 64;

  private static final String[] DOCUMENT_KEYS = {"format", "version", "parameters"};
  private static final int FORMAT_KEY = 0;
  private static final int VERSION_KEY = 1;
  private static final int PARAMETERS_KEY = 2;
  private static final String[] ENTRY_KEYS = {"name", "rows", "cols", "data"};
  private static final int NAME_KEY = 0;
  private static final int ROWS_KEY = 1;
  private static final int COLS_KEY = 2;
  private static final int DATA_KEY = 3;
  private static final String[] NO_KEYS = {};

  /**
   * Strict RFC 8259 (Jackson's defaults: no NaN, comments, single quotes, leading zeros or
   * trailing commas), except that a number may have any length, as JSON allows; the parser and
   * generator never close the caller's stream.
   */
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNumberLength(Integer.MAX_VALUE).build())
      .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
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
    checkWritable(module); // validate everything before touching the file
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      generate(module, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e, e);
    }
  }

  /** Writes the JSON to {@code out} and flushes it (does not close it). */
  public static void write(Module module, Writer out) {
    checkWritable(module);
    try {
      generate(module, out);
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
    checkWritable(module);
    StringWriter out = new StringWriter(64 + 24 * module.numScalars());
    try {
      generate(module, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write parameters: " + e, e); // not from a string
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
   * Loads parameters from a character stream (read to the end, not closed).
   *
   * @param module the module. Modified (only if the whole text is valid).
   * @param in the JSON text
   * @param sourceName what error messages call the source
   * @throws ParameterFormatException if the text is malformed or does not match the module
   * @throws UncheckedIOException if reading fails
   */
  public static void read(Module module, Reader in, String sourceName) {
    Document doc;
    try (JsonParser p = JSON.createParser(in)) {
      doc = new SchemaReader(p, in, sourceName).document();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + sourceName + ": " + e, e);
    }
    apply(module, doc, sourceName);
  }

  /** {@link #read} from text held in memory. */
  public static void fromJson(Module module, String json, String sourceName) {
    read(module, new StringReader(json), sourceName);
  }

  // ---------------------------------------------------------------- writing

  private static void checkWritable(Module module) {
    List<Parameter> ps = module.parameters();
    Map<String, Integer> seen = new HashMap<>();
    for (int p = 0; p < ps.size(); p++) {
      Parameter param = ps.get(p);
      Integer before = seen.put(param.name(), p);
      if (before != null) {
        throw new IllegalArgumentException("the module has two parameters named '"
            + param.name() + "' (indices " + before + " and " + p + ")");
      }
      DMatrixRMaj m = param.value();
      for (int k = 0; k < m.numRows * m.numCols; k++) {
        if (!Double.isFinite(m.data[k])) {
          throw new IllegalArgumentException("parameter '" + param.name() + "' has the value "
              + m.data[k] + " at (" + k / m.numCols + ", " + k % m.numCols
              + "); JSON has no non-finite numbers");
        }
      }
    }
  }

  /** Streams the document to {@code out} through {@link Layout}; flushes, does not close. */
  private static void generate(Module module, Writer out) throws IOException {
    Layout layout = new Layout();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.setPrettyPrinter(layout);
      g.writeStartObject();
      g.writeStringField("format", FORMAT);
      g.writeNumberField("version", VERSION);
      g.writeArrayFieldStart("parameters");
      for (Parameter param : module.parameters()) {
        DMatrixRMaj m = param.value();
        g.writeStartObject();
        g.writeStringField("name", param.name());
        g.writeNumberField("rows", m.numRows);
        g.writeNumberField("cols", m.numCols);
        g.writeFieldName("data");
        layout.cols = m.numCols;
        g.writeStartArray();
        for (int k = 0; k < m.numRows * m.numCols; k++) {
          g.writeNumber(Numbers.shortest(m.data[k])); // written as is: shortest round trip
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    } // closing the generator flushes it and, the target not being closed, flushes out
  }

  /**
   * The layout of a saved file, by nesting depth (1 the document, 2 the parameter list, 3 an
   * entry, 4 its data): the document's keys one per line indented by 2, the entries one per line
   * indented by 4 with their keys on that line, and the data one matrix row per line indented
   * by 6, the closing brackets on lines of their own.
   */
  private static final class Layout implements PrettyPrinter {
    /** Columns of the data array being written: a new line starts every {@code cols} numbers. */
    int cols = 1;

    private static int depth(JsonGenerator g) {
      return g.getOutputContext().getNestingDepth();
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw('\n'); // never reached: a file holds one document
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
      g.writeRaw('{');
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
      if (depth(g) == 1) {
        g.writeRaw("\n  ");
      }
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
      g.writeRaw(depth(g) == 1 ? ",\n  " : ", ");
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
      g.writeRaw(depth(g) == 1 ? "\n}" : "}");
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
      g.writeRaw('[');
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
      g.writeRaw(depth(g) == 2 ? "\n    " : "\n      ");
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      if (depth(g) == 2) {
        g.writeRaw(",\n    ");
      } else {
        g.writeRaw(g.getOutputContext().getCurrentIndex() % cols == 0 ? ",\n      " : ", ");
      }
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
      if (depth(g) == 2) {
        g.writeRaw(values == 0 ? "]" : "\n  ]");
      } else {
        g.writeRaw("\n    ]");
      }
    }
  }

  // ---------------------------------------------------------------- schema

  /** What a file holds, gathered in one pass; a {@code bad...} field describes a wrong value. */
  private static final class Document {
    int line;
    String notObject;
    SchemaReader.Keys keys;
    String badFormat;
    int formatLine;
    String badVersion;
    int versionLine;
    String notArray;
    int parametersLine;
    final List<Entry> entries = new ArrayList<>();
    /** Every entry's numbers back to back; an entry's are at [offset, offset + count). */
    double[] values = new double[256];
    int size;

    void push(double v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, 2 * size);
      }
      values[size++] = v;
    }
  }

  /** One entry of {@code "parameters"}. */
  private static final class Entry {
    final int line;
    String notObject;
    SchemaReader.Keys keys;
    String name;
    String badName;
    int nameLine;
    int rows;
    String badRows;
    int rowsLine;
    int cols;
    String badCols;
    int colsLine;
    String notArray;
    int dataLine;
    int offset;
    int count;
    int badIndex;
    String badItem;
    int badLine;
    Parameter target;

    Entry(int line) {
      this.line = line;
    }
  }

  private static void apply(Module module, Document doc, String src) {
    if (doc.notObject != null) {
      throw new ParameterFormatException(src, doc.line, "the document must be an object, got "
          + doc.notObject);
    }
    doc.keys.requireExactly("the document", doc.line);
    if (doc.badFormat != null) {
      throw new ParameterFormatException(src, doc.formatLine, "\"format\" must be \"" + FORMAT
          + "\", got " + doc.badFormat);
    }
    if (doc.badVersion != null) {
      throw new ParameterFormatException(src, doc.versionLine, "unsupported \"version\" "
          + doc.badVersion + "; this reader knows version " + VERSION);
    }
    if (doc.notArray != null) {
      throw new ParameterFormatException(src, doc.parametersLine,
          "\"parameters\" must be an array, got " + doc.notArray);
    }
    Map<String, Parameter> byName = new LinkedHashMap<>();
    for (Parameter p : module.parameters()) {
      byName.put(p.name(), p);
    }
    Map<String, Integer> fileLines = new HashMap<>();
    for (Entry e : doc.entries) {
      if (e.notObject != null) {
        throw new ParameterFormatException(src, e.line,
            "each entry of \"parameters\" must be an object, got " + e.notObject);
      }
      e.keys.requireExactly("a parameter entry", e.line);
      if (e.badName != null) {
        throw new ParameterFormatException(src, e.nameLine, "\"name\" must be a string, got "
            + e.badName);
      }
      String name = e.name;
      Integer before = fileLines.put(name, e.line);
      if (before != null) {
        throw new ParameterFormatException(src, e.line, "parameter '" + name
            + "' appears twice (first at line " + before + ")");
      }
      if (e.badRows != null || e.badCols != null) {
        boolean rows = e.badRows != null;
        throw new ParameterFormatException(src, rows ? e.rowsLine : e.colsLine, "\""
            + (rows ? "rows" : "cols") + "\" of parameter '" + name
            + "' must be an integer >= 1, got " + (rows ? e.badRows : e.badCols));
      }
      Parameter target = byName.get(name);
      if (target == null) {
        throw new ParameterFormatException(src, e.line, "parameter '" + name
            + "' is not a parameter of the module (which has " + byName.keySet() + ")");
      }
      DMatrixRMaj m = target.value();
      if (e.rows != m.numRows || e.cols != m.numCols) {
        throw new ParameterFormatException(src, e.line, "parameter '" + name + "' is "
            + e.rows + "×" + e.cols + " in the file but " + m.numRows + "×" + m.numCols
            + " in the module");
      }
      if (e.notArray != null) {
        throw new ParameterFormatException(src, e.dataLine, "\"data\" of parameter '" + name
            + "' must be an array, got " + e.notArray);
      }
      if (e.count != e.rows * e.cols) {
        throw new ParameterFormatException(src, e.dataLine, "\"data\" of parameter '" + name
            + "' has " + e.count + " numbers, expected rows × cols = " + e.rows + " × " + e.cols
            + " = " + e.rows * e.cols);
      }
      if (e.badItem != null) {
        throw new ParameterFormatException(src, e.badLine, "entry " + e.badIndex
            + " of parameter '" + name + "' must be a number, got " + e.badItem);
      }
      e.target = target;
    }
    for (String name : byName.keySet()) {
      if (!fileLines.containsKey(name)) {
        throw new ParameterFormatException(src, 0, "the module's parameter '" + name
            + "' is missing from the file");
      }
    }
    for (Entry e : doc.entries) {
      System.arraycopy(doc.values, e.offset, e.target.value().data, 0, e.count);
    }
  }

  // ---------------------------------------------------------------- reading

  /**
   * One pass over the parser's tokens that follows the schema: known keys are read into a
   * {@link Document}, anything else is skipped, while the rules Jackson does not enforce are
   * checked on the way (duplicate keys, nesting depth, numbers beyond the range of a double,
   * content after the document). Jackson's own syntax errors become
   * {@link ParameterFormatException}s with its line and column.
   */
  private static final class SchemaReader {
    private final JsonParser p;
    private final Reader in;
    private final String src;
    private final Document doc = new Document();

    SchemaReader(JsonParser p, Reader in, String src) {
      this.p = p;
      this.in = in;
      this.src = src;
    }

    Document document() throws IOException {
      try {
        JsonToken t = p.nextToken();
        if (t == null) {
          throw new ParameterFormatException(src, p.currentLocation().getLineNr(),
              "the file is empty; expected a JSON object");
        }
        doc.line = line();
        if (t == JsonToken.START_OBJECT) {
          document(doc);
        } else {
          doc.notObject = describe(0);
        }
        requireEnd();
        return doc;
      } catch (JsonProcessingException e) {
        JsonLocation at = e.getLocation() != null ? e.getLocation() : p.currentLocation();
        ParameterFormatException error = new ParameterFormatException(src, at.getLineNr(),
            at.getColumnNr(), tidy(e.getOriginalMessage()));
        error.initCause(e);
        throw error;
      }
    }

    /** The top-level object, its start the current token. */
    private void document(Document d) throws IOException {
      d.keys = new Keys(DOCUMENT_KEYS);
      while (next() == JsonToken.FIELD_NAME) {
        int key = d.keys.add(p.currentName());
        JsonToken t = next();
        switch (key) {
          case FORMAT_KEY:
            d.formatLine = line();
            if (t != JsonToken.VALUE_STRING || !FORMAT.equals(p.getText())) {
              d.badFormat = describe(1);
            }
            break;
          case VERSION_KEY:
            d.versionLine = line();
            // an INT token equal to 1 is the text "1" (JSON has no leading zeros or plus signs)
            if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
                || p.getIntValue() != VERSION) {
              d.badVersion = describe(1);
            }
            break;
          case PARAMETERS_KEY:
            d.parametersLine = line();
            if (t == JsonToken.START_ARRAY) {
              parameters();
            } else {
              d.notArray = describe(1);
            }
            break;
          default:
            skip(1);
        }
      }
    }

    private void parameters() throws IOException {
      JsonToken t;
      while ((t = next()) != JsonToken.END_ARRAY) {
        Entry e = new Entry(line());
        if (t == JsonToken.START_OBJECT) {
          entry(e);
        } else {
          e.notObject = describe(2);
        }
        doc.entries.add(e);
      }
    }

    private void entry(Entry e) throws IOException {
      e.keys = new Keys(ENTRY_KEYS);
      while (next() == JsonToken.FIELD_NAME) {
        int key = e.keys.add(p.currentName());
        JsonToken t = next();
        switch (key) {
          case NAME_KEY:
            e.nameLine = line();
            if (t == JsonToken.VALUE_STRING) {
              e.name = p.getText();
            } else {
              e.badName = describe(3);
            }
            break;
          case ROWS_KEY:
            e.rowsLine = line();
            e.rows = dimension(t);
            if (e.rows == 0) {
              e.badRows = describe(3);
            }
            break;
          case COLS_KEY:
            e.colsLine = line();
            e.cols = dimension(t);
            if (e.cols == 0) {
              e.badCols = describe(3);
            }
            break;
          case DATA_KEY:
            e.dataLine = line();
            if (t == JsonToken.START_ARRAY) {
              data(e);
            } else {
              e.notArray = describe(3);
            }
            break;
          default:
            skip(3);
        }
      }
    }

    /** The value as a dimension: an integer token in [1, 2^31), else 0. */
    private int dimension(JsonToken t) throws IOException {
      if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
        return Math.max(p.getIntValue(), 0);
      }
      return 0;
    }

    /** The numbers of a data array into {@link Document#values}; other values are noted. */
    private void data(Entry e) throws IOException {
      e.offset = doc.size;
      int k = 0;
      JsonToken t;
      while ((t = next()) != JsonToken.END_ARRAY) {
        if (t.isNumeric()) {
          doc.push(number());
        } else if (e.badItem == null) {
          e.badIndex = k;
          e.badLine = line();
          e.badItem = describe(4);
        } else {
          skip(4);
        }
        k++;
      }
      e.count = k;
    }

    /**
     * The current number token's value, exactly: Jackson parses a fraction or exponent with
     * {@code Double.parseDouble}; an integer's sign is kept for −0.
     */
    private double number() throws IOException {
      double v;
      if (p.currentToken() == JsonToken.VALUE_NUMBER_INT
          && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
        long x = p.getLongValue();
        v = x == 0 && p.getTextCharacters()[p.getTextOffset()] == '-' ? -0.0 : x;
      } else if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
        v = Double.parseDouble(p.getText());
      } else {
        v = p.getDoubleValue();
      }
      if (Double.isInfinite(v)) {
        throw atToken("number " + p.getText() + " is outside the range of a double");
      }
      return v;
    }

    /** Skips the value whose first token is current, checking it as the rest of the file. */
    private void skip(int depth) throws IOException {
      if (depth > MAX_DEPTH) {
        throw atToken("JSON nested deeper than " + MAX_DEPTH + " levels");
      }
      JsonToken t = p.currentToken();
      if (t == JsonToken.START_OBJECT) {
        Keys keys = new Keys(NO_KEYS);
        while (next() == JsonToken.FIELD_NAME) {
          keys.add(p.currentName());
          next();
          skip(depth + 1);
        }
      } else if (t == JsonToken.START_ARRAY) {
        while (next() != JsonToken.END_ARRAY) {
          skip(depth + 1);
        }
      } else if (t.isNumeric()) {
        number();
      }
    }

    /** What an error message calls the current value (which it then skips). */
    private String describe(int depth) throws IOException {
      JsonToken t = p.currentToken();
      switch (t) {
        case START_OBJECT:
          skip(depth);
          return "an object";
        case START_ARRAY:
          skip(depth);
          return "an array";
        case VALUE_STRING:
          String s = p.getText();
          return quote(s.length() > 40 ? s.substring(0, 40) + "..." : s);
        case VALUE_NUMBER_INT:
        case VALUE_NUMBER_FLOAT:
          number();
          return p.getText();
        default:
          return p.getText(); // true, false, null
      }
    }

    /**
     * After the document only whitespace may follow, to the end of the stream: reads what the
     * parser has buffered and then the rest of the reader, tracking lines and columns from
     * where the parser stopped (CR, LF and CRLF each end a line, as Jackson counts them).
     */
    private void requireEnd() throws IOException {
      JsonLocation end = p.currentLocation();
      StringWriter buffered = new StringWriter();
      p.releaseBuffered(buffered);
      String head = buffered.toString();
      int pos = 0;
      int line = end.getLineNr();
      int column = end.getColumnNr();
      boolean afterCr = false;
      while (true) {
        int c = pos < head.length() ? head.charAt(pos++) : in.read();
        if (c < 0) {
          return;
        }
        if (c == ' ' || c == '\t') {
          column++;
          afterCr = false;
        } else if (c == '\r' || c == '\n') {
          if (c == '\r' || !afterCr) {
            line++;
          }
          column = 1;
          afterCr = c == '\r';
        } else {
          StringBuilder near = new StringBuilder().append((char) c);
          while (near.length() < 12) {
            c = pos < head.length() ? head.charAt(pos++) : in.read();
            if (c < 0 || c == '\n' || c == '\r') {
              break;
            }
            near.append((char) c);
          }
          throw new ParameterFormatException(src, line, column, "unexpected '" + near
              + "' after the end of the JSON document");
        }
      }
    }

    private JsonToken next() throws IOException {
      JsonToken t = p.nextToken();
      if (t == null) { // Jackson reports an unclosed value itself; this is a safety net
        JsonLocation at = p.currentLocation();
        throw new ParameterFormatException(src, at.getLineNr(), at.getColumnNr(),
            "unexpected end of file");
      }
      return t;
    }

    private int line() {
      return p.currentTokenLocation().getLineNr();
    }

    private ParameterFormatException atToken(String what) {
      JsonLocation at = p.currentTokenLocation();
      return new ParameterFormatException(src, at.getLineNr(), at.getColumnNr(), what);
    }

    /**
     * The keys of one object: where each expected key was first seen, the first unexpected key
     * (reported after the pass, as schema errors are), and a duplicate of any key at once.
     */
    private final class Keys {
      private final String[] expected;
      private final int[] lines;
      private final int[] columns;
      private Map<String, JsonLocation> others;
      private String unknown;
      private int unknownLine;

      Keys(String[] expected) {
        this.expected = expected;
        this.lines = new int[expected.length];
        this.columns = new int[expected.length];
      }

      /** Notes the current key; its index among the expected keys, or −1. */
      int add(String key) {
        JsonLocation at = p.currentTokenLocation();
        for (int k = 0; k < expected.length; k++) {
          if (expected[k].equals(key)) {
            if (lines[k] != 0) {
              throw duplicate(key, lines[k], columns[k]);
            }
            lines[k] = at.getLineNr();
            columns[k] = at.getColumnNr();
            return k;
          }
        }
        if (others == null) {
          others = new HashMap<>();
        }
        JsonLocation first = others.putIfAbsent(key, at);
        if (first != null) {
          throw duplicate(key, first.getLineNr(), first.getColumnNr());
        }
        if (unknown == null) {
          unknown = key;
          unknownLine = at.getLineNr();
        }
        return -1;
      }

      private ParameterFormatException duplicate(String key, int line, int column) {
        return atToken("duplicate key " + quote(key) + " (first at line " + line + ", column "
            + column + ")");
      }

      void requireExactly(String what, int objectLine) {
        if (unknown != null) {
          throw new ParameterFormatException(src, unknownLine, what + " has the unknown key "
              + quote(unknown) + " (expected exactly " + String.join(", ", expected) + ")");
        }
        for (int k = 0; k < expected.length; k++) {
          if (lines[k] == 0) {
            throw new ParameterFormatException(src, objectLine, what + " has no \""
                + expected[k] + "\" key");
          }
        }
      }
    }
  }

  private static final Pattern NON_NUMERIC_HINT =
      Pattern.compile(": enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow");
  private static final Pattern FEATURE_HINT = Pattern.compile(
      ": enable `[^`]*` to allow| \\(not recognized as one since Feature '\\w+' not enabled"
          + " for parser\\)|, from `[^`]*`");
  private static final Pattern SOURCE = Pattern.compile(
      "\\[Source: .*?; line: (\\d+), column: (\\d+)\\]");

  /**
   * Jackson's message for a user of gridrl: its first line, without the hints that name
   * Jackson's switches (a parameter file cannot turn them on), a start marker as "line L,
   * column C", and lower case first as every other message here.
   */
  private static String tidy(String jackson) {
    String m = jackson == null ? "malformed JSON" : jackson;
    int nl = m.indexOf('\n');
    if (nl >= 0) {
      m = m.substring(0, nl);
    }
    m = NON_NUMERIC_HINT.matcher(m).replaceAll(": JSON has no NaN or Infinity");
    m = FEATURE_HINT.matcher(m).replaceAll("");
    m = SOURCE.matcher(m).replaceAll("line $1, column $2");
    return m.isEmpty() ? m : Character.toLowerCase(m.charAt(0)) + m.substring(1);
  }

  /** A JSON string literal for a message: quotes and backslashes escaped, controls as \\u. */
  private static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
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
    return sb.append('"').toString();
  }
}
