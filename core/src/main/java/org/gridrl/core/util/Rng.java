package org.gridrl.core.util;

/**
 * A seeded, splittable pseudo-random generator (SplitMix64). Every random number in gridrl
 * comes from one of these, never from {@code Math.random} or an unseeded generator, so the same
 * seed gives the same numbers.
 *
 * <p>{@link #split()} returns an independent child stream and advances this one;
 * {@link #fork(long)} derives a child from this generator's seed and a stream key without
 * advancing it, so stream {@code k} is the same whatever order the streams are made in (use it
 * to give each worker thread or each environment of a batch its own stream). Not thread-safe:
 * give each thread its own instance.
 */
public final class Rng {

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final long seed;
  private long state;
  private double spareGaussian;
  private boolean hasSpare;

  /** A generator from a seed; equal seeds give equal sequences. */
  public Rng(long seed) {
    this.seed = seed;
    this.state = seed;
  }

  /** The seed this generator was made from. */
  public long seed() {
    return seed;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** 64 uniformly random bits. */
  public long nextLong() {
    state += GOLDEN;
    return mix(state);
  }

  /** Uniform in [0, 1) with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [lo, hi). */
  public double nextDouble(double lo, double hi) {
    return lo + (hi - lo) * nextDouble();
  }

  /** Uniform in [0, bound), without modulo bias. */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be > 0, got " + bound);
    }
    long r = nextLong() >>> 33; // 31 bits
    long m = r * bound;
    long l = m & 0x7FFFFFFFL;
    if (l < bound) {
      long t = (0x80000000L - bound) % bound;
      while (l < t) {
        r = nextLong() >>> 33;
        m = r * bound;
        l = m & 0x7FFFFFFFL;
      }
    }
    return (int) (m >>> 31);
  }

  /** True with probability p. */
  public boolean nextBernoulli(double p) {
    return nextDouble() < p;
  }

  /** Standard normal (Box–Muller; the second value of each pair is kept for the next call). */
  public double nextGaussian() {
    if (hasSpare) {
      hasSpare = false;
      return spareGaussian;
    }
    double u1;
    do {
      u1 = nextDouble();
    } while (u1 == 0);
    double u2 = nextDouble();
    double radius = Math.sqrt(-2 * Math.log(u1));
    double angle = 2 * Math.PI * u2;
    spareGaussian = radius * Math.sin(angle);
    hasSpare = true;
    return radius * Math.cos(angle);
  }

  /**
   * An index drawn from the categorical distribution {@code p[offset .. offset + n)} (need not be
   * normalised exactly; the last index takes any rounding remainder).
   */
  public int nextCategorical(double[] p, int offset, int n) {
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += p[offset + i];
    }
    double u = nextDouble() * total;
    double c = 0;
    for (int i = 0; i < n - 1; i++) {
      c += p[offset + i];
      if (u < c) {
        return i;
      }
    }
    return n - 1;
  }

  /** An index drawn from the categorical distribution p. */
  public int nextCategorical(double[] p) {
    return nextCategorical(p, 0, p.length);
  }

  /** A child generator with an independent stream; advances this generator by one draw. */
  public Rng split() {
    return new Rng(mix(nextLong() ^ 0x5DEECE66DL));
  }

  /**
   * The child stream number {@code key}, derived from this generator's seed only (this
   * generator is not advanced). Equal (seed, key) give equal children.
   */
  public Rng fork(long key) {
    return new Rng(mix(mix(seed) + GOLDEN * (key + 1)));
  }

  /** Shuffles {@code a} in place (Fisher–Yates). */
  public void shuffle(int[] a) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
