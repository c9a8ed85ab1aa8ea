package org.gridrl.core.planning;

/**
 * e^x for the soft Bellman kernels, within about one ulp of the exact value (the accuracy
 * {@link Math#exp} promises) but cheaper than HotSpot's {@code Math.exp} intrinsic, since the
 * kernels spend most of their time in exp.
 *
 * <p>Method (Tang 1989, "Table-driven implementation of the exponential function in IEEE
 * floating-point arithmetic"): x = (k/128)·ln 2 + r with k = round(128x/ln 2) and
 * |r| ≤ ln 2/256 (Cody–Waite: ln 2/128 split into a 36-bit head, so k·head is exact, and a
 * tail), e^x = 2^⌊k/128⌋ · 2^{(k mod 128)/128} · e^r, the middle factor from a 128-entry table,
 * e^r − 1 by its degree-5 Taylor polynomial (truncation error &lt; 6e-19 relative). Measured max
 * error against {@code Math.exp} over 10⁷ random arguments: see the tests (≤ 2 ulp). Outside
 * |x| &lt; 700, and for NaN and infinities, it calls {@code Math.exp}.
 */
final class SoftMath {

  private static final int TABLE_BITS = 7;
  private static final int TABLE_SIZE = 1 << TABLE_BITS;
  private static final double[] TABLE = new double[TABLE_SIZE];
  private static final double SCALE = TABLE_SIZE / 0x1.62e42fefa39efp-1;
  private static final double LN2_HEAD;
  private static final double LN2_TAIL;
  private static final double ROUND = 0x1.8p52;
  private static final long ROUND_BITS = Double.doubleToRawLongBits(ROUND);
  /** Whether {@link Math#fma} is a hardware instruction here; see {@link #fmaIntrinsic}. */
  static final boolean FMA = fmaIntrinsic();

  static {
    for (int j = 0; j < TABLE_SIZE; j++) {
      TABLE[j] = StrictMath.pow(2, j / (double) TABLE_SIZE);
    }
    double ln2 = 0x1.62e42fefa39efp-1;
    double ln2Tail = 0x1.abc9e3b39803fp-56;
    double head = Double.longBitsToDouble(Double.doubleToRawLongBits(ln2) & ~((1L << 17) - 1));
    LN2_HEAD = head / TABLE_SIZE;
    LN2_TAIL = ((ln2 - head) + ln2Tail) / TABLE_SIZE;
  }

  private static final double[] LOG_CENTRE = new double[TABLE_SIZE];
  private static final double[] INV_CENTRE = new double[TABLE_SIZE];
  private static final double[] LOG_OF_CENTRE = new double[TABLE_SIZE];
  private static final double LOG_LN2_HEAD;
  private static final double LOG_LN2_TAIL;

  static {
    for (int j = 0; j < TABLE_SIZE; j++) {
      LOG_CENTRE[j] = 1 + (j + 0.5) / TABLE_SIZE;
      INV_CENTRE[j] = 1 / LOG_CENTRE[j];
      LOG_OF_CENTRE[j] = StrictMath.log(LOG_CENTRE[j]);
    }
    double ln2 = 0x1.62e42fefa39efp-1;
    double head = Double.longBitsToDouble(Double.doubleToRawLongBits(ln2) & ~((1L << 12) - 1));
    LOG_LN2_HEAD = head;
    LOG_LN2_TAIL = (ln2 - head) + 0x1.abc9e3b39803fp-56;
  }

  private SoftMath() {
  }

  /**
   * log x for the kernels, with an absolute error within about one ulp of the result's scale
   * (the kernels add it to V): x = 2^e·m, m in [1, 2), c = the centre of m's 1/128 interval,
   * log x = e·ln 2 + log c + log(1 + r), r = (m − c)/c with |r| &lt; 1/256 and log(1 + r) by its
   * degree-7 Taylor polynomial (truncation &lt; 2^-67). Zero, negative, subnormal, infinite and
   * NaN arguments go to {@link Math#log}.
   */
  static double log(double x) {
    final long bits = Double.doubleToRawLongBits(x);
    if (bits < 0x0010000000000000L || bits >= 0x7ff0000000000000L) {
      return Math.log(x);
    }
    final int e = (int) (bits >>> 52) - 1023;
    final int j = (int) (bits >>> (52 - TABLE_BITS)) & (TABLE_SIZE - 1);
    final double m = Double.longBitsToDouble((bits & 0x000fffffffffffffL) | 0x3ff0000000000000L);
    final double r = (m - LOG_CENTRE[j]) * INV_CENTRE[j];
    final double poly = r * r * (-0.5 + r * (1.0 / 3 + r * (-0.25 + r * (0.2 + r * (-1.0 / 6
        + r * (1.0 / 7))))));
    return (e * LOG_LN2_HEAD + LOG_OF_CENTRE[j]) + (r + (e * LOG_LN2_TAIL + poly));
  }

  /** e^x within about one ulp. */
  static double exp(double x) {
    if (!(Math.abs(x) < 700)) {
      return Math.exp(x);
    }
    return expInRange(x);
  }

  /**
   * e^x for x ≤ 0 (the log-sum-exp's exponents after the max shift), within about one ulp; one
   * comparison cheaper than {@link #exp}. NaN gives NaN; a positive x is outside the contract.
   */
  static double expNonPositive(double x) {
    if (!(x > -700)) {
      return Math.exp(x);
    }
    return expInRange(x);
  }

  /** e^x for |x| &lt; 700, fused or not as {@link #FMA} says. */
  private static double expInRange(double x) {
    return FMA ? expFused(x) : expUnfused(x);
  }

  /** {@link #expInRange} with {@link Math#fma} for the reduction, polynomial and scaling. */
  static double expFused(double x) {
    double kd = x * SCALE + ROUND;
    final long k = Double.doubleToRawLongBits(kd) - ROUND_BITS;
    kd -= ROUND;
    final double s = tableScale(k);
    final double r = Math.fma(-kd, LN2_TAIL, Math.fma(-kd, LN2_HEAD, x));
    final double p = Math.fma(r * r,
        Math.fma(r, Math.fma(r, Math.fma(r, 1.0 / 120, 1.0 / 24), 1.0 / 6), 0.5), r);
    return Math.fma(s, p, s);
  }

  /** {@link #expInRange} with separate multiplies and adds. */
  static double expUnfused(double x) {
    double kd = x * SCALE + ROUND;
    final long k = Double.doubleToRawLongBits(kd) - ROUND_BITS;
    kd -= ROUND;
    final double s = tableScale(k);
    final double r = (x - kd * LN2_HEAD) - kd * LN2_TAIL;
    final double p = r + r * r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120))));
    return s + s * p;
  }

  /** 2^(k/128): the table's 2^((k mod 128)/128) with ⌊k/128⌋ added to its exponent. */
  private static double tableScale(long k) {
    return Double.longBitsToDouble(Double.doubleToRawLongBits(TABLE[(int) k & (TABLE_SIZE - 1)])
        + ((k >> TABLE_BITS) << 52));
  }

  /**
   * Whether HotSpot compiles {@link Math#fma} to the processor's fused multiply-add (its
   * {@code UseFMA} flag): the exp above uses it then (fewer instructions and one rounding fewer);
   * without the instruction {@code Math.fma} falls back to BigDecimal arithmetic, thousands of
   * times slower, and the separate multiply and add are used instead.
   */
  static boolean fmaIntrinsic() {
    try {
      com.sun.management.HotSpotDiagnosticMXBean vm = java.lang.management.ManagementFactory
          .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
      return vm != null && Boolean.parseBoolean(vm.getVMOption("UseFMA").getValue());
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
