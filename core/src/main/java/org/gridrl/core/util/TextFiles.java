package org.gridrl.core.util;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How gridrl reads its text inputs (MDP files, maps, CSV files, JSON configs): strict UTF-8,
 * one rule for all of them.
 *
 * <ul>
 *   <li>A byte that is not UTF-8 (a Latin-1 {@code é}, a binary file) is a
 *       {@link NotTextException} carrying the line and column where it sits, so a reader can
 *       say {@code FILE:LINE: not UTF-8 text (byte 0xE9 at column 7)}, never Java's
 *       {@code Input length = 1}. A NUL byte (0x00), which no text file holds, is reported the
 *       same way as binary data. A file that starts with a UTF-16 byte-order mark is named as
 *       UTF-16.
 *   <li>A UTF-8 byte-order mark (EF BB BF, as "CSV UTF-8" spreadsheets write) at the very start
 *       is skipped silently: the text starts after it. Anywhere else U+FEFF is an ordinary
 *       character.
 *   <li>Lines end at {@code \n}, {@code \r\n} or a lone {@code \r}, as
 *       {@link java.io.BufferedReader#readLine()} counts them; columns count characters (code
 *       points) from 1.
 * </ul>
 *
 * <p>{@link #reason(IOException)} is the short reason of a file error ("no such file",
 * "permission denied", "is a directory"), for messages that already name the file.
 */
public final class TextFiles {

  private TextFiles() {
  }

  /**
   * A reader of a UTF-8 text file (buffered; close it).
   *
   * @throws IOException if the file cannot be opened (a directory gives "is a directory")
   */
  public static Reader open(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new FileSystemException(file.toString(), null, "is a directory");
    }
    return new Utf8Reader(Files.newInputStream(file));
  }

  /** A strict UTF-8 reader of {@code in} (buffered; closing it closes {@code in}). */
  public static Reader reader(InputStream in) {
    return new Utf8Reader(in);
  }

  /**
   * The whole text of a UTF-8 file, without a leading byte-order mark.
   *
   * @throws NotTextException at the first byte that is not UTF-8 text
   * @throws IOException if the file cannot be read
   */
  public static String readString(Path file) throws IOException {
    try (Reader in = open(file)) {
      StringBuilder sb = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 16,
          Math.max(16, Files.size(file))));
      char[] buf = new char[8192];
      int n;
      while ((n = in.read(buf, 0, buf.length)) > 0) {
        sb.append(buf, 0, n);
      }
      return sb.toString();
    }
  }

  /**
   * The reason of a file error without the file's name: "no such file", "permission denied",
   * "is a directory", the located problem of a {@link NotTextException}, "not UTF-8 text" for
   * a decoding error of another reader, else the system's reason.
   */
  public static String reason(IOException e) {
    if (e instanceof NotTextException t) {
      return t.getMessage();
    }
    if (e instanceof CharacterCodingException) { // a reader that is not ours: no position
      return "not UTF-8 text";
    }
    if (e instanceof NoSuchFileException || e instanceof FileNotFoundException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason().toLowerCase(Locale.ROOT);
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? "read error" : m.toLowerCase(Locale.ROOT);
  }

  /**
   * Bytes that are not UTF-8 text, at a 1-based line and column. {@link #problem()} says what
   * and where in the line ("not UTF-8 text (byte 0xFF at column 3)"), {@link #getMessage()}
   * adds the line ("line 2: not UTF-8 text (byte 0xFF at column 3)").
   */
  public static final class NotTextException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String problem;

    NotTextException(int line, int column, String problem) {
      super("line " + line + ": " + problem);
      this.line = line;
      this.column = column;
      this.problem = problem;
    }

    /** The 1-based line of the offending byte. */
    public int line() {
      return line;
    }

    /** The 1-based column (in characters) of the offending byte. */
    public int column() {
      return column;
    }

    /** What is wrong and at which column, without the line. */
    public String problem() {
      return problem;
    }
  }

  /**
   * A strict UTF-8 decoder that keeps the position of the next character, so a bad byte is
   * reported where it is. Valid sequences are those of the Unicode standard (table 3-7: no
   * overlong forms, no surrogates, nothing above U+10FFFF).
   */
  private static final class Utf8Reader extends Reader {

    private final InputStream in;
    private final byte[] bytes = new byte[16384];
    private int pos;
    private int len;
    private boolean eof;
    private boolean started;
    /** The low surrogate of a supplementary character whose high half was delivered. */
    private char pendingLow;
    private int line = 1;
    /** Characters already delivered on the current line. */
    private int column;
    private boolean afterCr;
    /** The first bad byte, thrown once the text before it has been delivered. */
    private NotTextException error;

    Utf8Reader(InputStream in) {
      this.in = in;
    }

    @Override
    public int read(char[] cbuf, int off, int n) throws IOException {
      if (n == 0) {
        return 0;
      }
      if (!started) {
        start();
      }
      int o = off;
      final int end = off + n;
      if (pendingLow != 0) {
        cbuf[o++] = pendingLow;
        pendingLow = 0;
      }
      while (o < end && error == null) {
        if (pos == len) {
          if (o > off || !fill(1)) {
            break;
          }
        }
        // ASCII run: one comparison per printable byte; line ends and controls after it
        final byte[] b = bytes;
        int p = pos;
        final int stop = Math.min(len, p + (end - o));
        int col = column;
        while (p < stop) {
          final int runStart = p;
          byte c = 0;
          while (p < stop && (c = b[p]) > '\r') {
            cbuf[o++] = (char) c;
            p++;
          }
          if (p > runStart) {
            col += p - runStart;
            afterCr = false;
          }
          if (p == stop) {
            break;
          }
          if (c == '\n') {
            if (!afterCr) {
              line++;
            }
            afterCr = false;
            col = 0;
          } else if (c == '\r') {
            line++;
            col = 0;
            afterCr = true;
          } else if (c < 0) {
            break; // a multi-byte sequence
          } else if (c == 0) {
            error = new NotTextException(line, col + 1,
                "binary data, not text (byte 0x00 at column " + (col + 1) + ")");
            break;
          } else {
            col++; // another control character (tab, form feed, ...)
            afterCr = false;
          }
          cbuf[o++] = (char) c;
          p++;
        }
        pos = p;
        column = col;
        if (error != null || o == end || pos == len || bytes[pos] >= 0) {
          continue;
        }
        int cp = multiByte();
        if (cp < 0) {
          break;
        }
        afterCr = false;
        column++;
        if (cp < 0x10000) {
          cbuf[o++] = (char) cp;
        } else {
          cbuf[o++] = Character.highSurrogate(cp);
          if (o < end) {
            cbuf[o++] = Character.lowSurrogate(cp);
          } else {
            pendingLow = Character.lowSurrogate(cp);
          }
        }
      }
      if (o > off) {
        return o - off; // the text before a bad byte first, so readers meet lines in order
      }
      if (error != null) {
        throw error;
      }
      return -1;
    }

    /** Skips a UTF-8 byte-order mark; names a UTF-16 one. */
    private void start() throws IOException {
      started = true;
      fill(3);
      int avail = len - pos;
      if (avail >= 3 && (bytes[pos] & 0xFF) == 0xEF && (bytes[pos + 1] & 0xFF) == 0xBB
          && (bytes[pos + 2] & 0xFF) == 0xBF) {
        pos += 3;
      } else if (avail >= 2 && ((bytes[pos] & 0xFF) == 0xFF && (bytes[pos + 1] & 0xFF) == 0xFE
          || (bytes[pos] & 0xFF) == 0xFE && (bytes[pos + 1] & 0xFF) == 0xFF)) {
        throw new NotTextException(1, 1, String.format(Locale.ROOT, "not UTF-8 text (it starts"
            + " with bytes 0x%02X 0x%02X, the mark of UTF-16 text; save it as UTF-8)",
            bytes[pos] & 0xFF, bytes[pos + 1] & 0xFF));
      }
    }

    /**
     * Decodes the sequence at {@code pos} (a lead byte ≥ 0x80) and moves past it; −1, with
     * {@link #error} set, when it is not UTF-8.
     */
    private int multiByte() throws IOException {
      int lead = bytes[pos] & 0xFF;
      int need;
      int lo = 0x80;
      int hi = 0xBF;
      if (lead >= 0xC2 && lead <= 0xDF) {
        need = 1;
      } else if (lead >= 0xE0 && lead <= 0xEF) {
        need = 2;
        if (lead == 0xE0) {
          lo = 0xA0;
        } else if (lead == 0xED) {
          hi = 0x9F;
        }
      } else if (lead >= 0xF0 && lead <= 0xF4) {
        need = 3;
        if (lead == 0xF0) {
          lo = 0x90;
        } else if (lead == 0xF4) {
          hi = 0x8F;
        }
      } else {
        return malformed(lead);
      }
      if (len - pos < need + 1) {
        fill(need + 1);
      }
      if (len - pos < need + 1) {
        return malformed(lead); // the file ends inside the sequence
      }
      int cp = lead & (0x3F >> need);
      for (int k = 1; k <= need; k++) {
        int c = bytes[pos + k] & 0xFF;
        if (k == 1 ? c < lo || c > hi : c < 0x80 || c > 0xBF) {
          return malformed(lead);
        }
        cp = cp << 6 | c & 0x3F;
      }
      pos += need + 1;
      return cp;
    }

    private int malformed(int b) {
      error = new NotTextException(line, column + 1, String.format(Locale.ROOT,
          "not UTF-8 text (byte 0x%02X at column %d)", b, column + 1));
      return -1;
    }

    /** Reads until at least {@code min} bytes are buffered or the input ends; false if none. */
    private boolean fill(int min) throws IOException {
      if (pos > 0) {
        System.arraycopy(bytes, pos, bytes, 0, len - pos);
        len -= pos;
        pos = 0;
      }
      while (len < min && !eof) {
        int r = in.read(bytes, len, bytes.length - len);
        if (r < 0) {
          eof = true;
        } else {
          len += r;
        }
      }
      return len > 0;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
