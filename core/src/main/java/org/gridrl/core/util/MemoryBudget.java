package org.gridrl.core.util;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Whether a request fits the Java heap, asked before anything large is allocated: a caller
 * estimates the bytes its big arrays will take (from a file's header or from options) and
 * {@link #require} refuses at once, in one line, what cannot fit, instead of an
 * {@link OutOfMemoryError} minutes later.
 *
 * <p>The estimate is meant as a lower bound of the arrays' sizes (each {@code double} 8 bytes,
 * each {@code int} 4, plus a 16-byte header per array), so a request that is refused could not
 * have run; the heap available is {@link Runtime#maxMemory()} minus what is in use (after one
 * garbage collection, asked for only when the first reading says no). The message names the
 * estimate, the heap, and how to give Java more ({@code JAVA_OPTS=-Xmx...} for the
 * {@code gridrl} launcher), or says that the machine itself does not have that much memory.
 */
public final class MemoryBudget {

  /** Bytes of a {@code double}. */
  public static final long DOUBLE = 8;
  /** Bytes of an {@code int} (or a compressed reference). */
  public static final long INT = 4;
  /** Bytes of an array's header. */
  public static final long ARRAY_HEADER = 16;

  private static final long MB = 1L << 20;
  private static final long GB = 1L << 30;

  private MemoryBudget() {
  }

  /** Bytes of {@code count} arrays of {@code length} doubles each (saturating). */
  public static long doubleArrays(long count, long length) {
    return times(count, plus(ARRAY_HEADER, times(length, DOUBLE)));
  }

  /** Bytes of {@code count} arrays of {@code length} ints each (saturating). */
  public static long intArrays(long count, long length) {
    return times(count, plus(ARRAY_HEADER, times(length, INT)));
  }

  /** {@code a * b} for non-negative operands, or {@link Long#MAX_VALUE} when it overflows. */
  public static long times(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
  }

  /** {@code a + b} for non-negative operands, or {@link Long#MAX_VALUE} when it overflows. */
  public static long plus(long a, long b) {
    return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
  }

  /**
   * Refuses a request whose estimate does not fit the heap.
   *
   * @param bytes the estimate, a lower bound of what the request allocates
   * @param what the request, the subject of the message: "--horizon 2000000000 (a
   *     finite-horizon solve of 104 states and 4 actions)"
   * @throws IllegalArgumentException "{@code <what> needs about 15 TB of memory, ...}" (one line,
   *     see {@link #shortfall(long)}) when it does not fit
   */
  public static void require(long bytes, String what) {
    String s = shortfall(bytes);
    if (s != null) {
      throw new IllegalArgumentException(what + " " + s);
    }
  }

  /**
   * Null when {@code bytes} fit the heap now; else the words that say why not, to follow the
   * request's name: "needs about 4.5 GB of memory, more than the 1.9 GB free in the Java heap
   * (at most 2 GB); give Java more with JAVA_OPTS=-Xmx6g".
   */
  public static String shortfall(long bytes) {
    Runtime rt = Runtime.getRuntime();
    if (bytes <= free(rt)) {
      return null;
    }
    System.gc(); // the garbage of earlier work is no obstacle; only on this unlikely path
    long used = rt.totalMemory() - rt.freeMemory();
    long max = rt.maxMemory();
    if (bytes <= max - used) {
      return null;
    }
    return shortfall(bytes, max, used, physicalMemory());
  }

  /**
   * The words of {@link #shortfall(long)} for a heap of at most {@code max} bytes of which
   * {@code used} are in use, on a machine with {@code physical} bytes of memory (0 if unknown).
   */
  static String shortfall(long bytes, long max, long used, long physical) {
    long free = Math.max(0, max - used);
    StringBuilder sb = new StringBuilder("needs about ").append(size(bytes))
        .append(" of memory, more than the ").append(size(free))
        .append(" free in the Java heap (at most ").append(size(max)).append(")");
    long needed = plus(bytes, used);
    if (physical > 0 && needed > physical) {
      sb.append(" and more than this machine's ").append(size(physical));
    } else {
      long want = plus(needed, needed / 5);
      // a fifth to spare, but never more than the machine has
      String xmx = physical > 0 && want > physical ? physical / GB + "g" : xmx(want);
      sb.append("; give Java more with JAVA_OPTS=-Xmx").append(xmx);
    }
    return sb.toString();
  }

  /**
   * What to do once the heap has run out: "give Java more than its 2 GB with
   * JAVA_OPTS=-Xmx4g" (twice the heap, or as much as the machine has), or, when the heap is
   * already about all the machine has, "the Java heap's 7.5 GB are about all this machine has".
   */
  public static String exhausted() {
    return exhausted(Runtime.getRuntime().maxMemory(), physicalMemory());
  }

  static String exhausted(long max, long physical) {
    long want = times(max, 2);
    if (physical > 0 && want > physical) {
      want = physical;
    }
    if (want - max < max / 10) {
      return "the Java heap's " + size(max) + " are about all this machine has";
    }
    return "give Java more than its " + size(max) + " with JAVA_OPTS=-Xmx" + xmx(want);
  }

  /** Bytes the heap can still give without growing past its maximum. */
  public static long free() {
    return free(Runtime.getRuntime());
  }

  private static long free(Runtime rt) {
    return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
  }

  /** An {@code -Xmx} value of at least {@code bytes}: "6g", "800m". */
  static String xmx(long want) {
    if (want < GB) {
      return ((want + 100 * MB - 1) / (100 * MB)) * 100 + "m";
    }
    return (want / GB + (want % GB == 0 ? 0 : 1)) + "g";
  }

  /** A size for people: "512 MB", "4.5 GB", "15 TB" (binary units, as -Xmx reads them). */
  public static String size(long bytes) {
    if (bytes < GB) {
      return Math.max(bytes == 0 ? 0 : 1, (bytes + MB / 2) / MB) + " MB";
    }
    double g = (double) bytes / GB;
    if (g < 1024) {
      return trim(g) + " GB";
    }
    return trim(g / 1024) + " TB";
  }

  /** One decimal below 100, none above: "4.5", "15", "250". */
  private static String trim(double x) {
    if (x >= 99.95) {
      return String.format(Locale.ROOT, "%.0f", x);
    }
    String s = String.format(Locale.ROOT, "%.1f", x);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  /** The machine's physical memory in bytes, or 0 if the JVM does not say. */
  static long physicalMemory() {
    try {
      if (ManagementFactory.getOperatingSystemMXBean()
          instanceof com.sun.management.OperatingSystemMXBean os) {
        return os.getTotalMemorySize();
      }
    } catch (RuntimeException | LinkageError e) {
      // not a HotSpot JVM: no figure
    }
    return 0;
  }
}
