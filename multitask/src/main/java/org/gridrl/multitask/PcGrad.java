package org.gridrl.multitask;

import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;

/**
 * PCGrad, projecting conflicting gradients (Yu et al. 2020, "Gradient Surgery for Multi-Task
 * Learning", Algorithm 1): for each task i, starting from g_i^PC = g_i and visiting the other
 * tasks j in a random order,
 *
 * <pre>  g_i^PC ← g_i^PC − (g_i^PC·g_j / ‖g_j‖²)·g_j   when g_i^PC·g_j &lt; 0,</pre>
 *
 * then d = Σ_i g_i^PC (summed, as in the paper's algorithm; divide by T for the mean).
 * The projection is onto the normal plane of the <em>original</em> g_j, as in the authors'
 * code; a zero g_j never conflicts (its dot product is 0), so no 0/0 arises.
 *
 * <p>Order: for each i in 0..T−1 the array (0, 1, …, T−1) is shuffled (Fisher–Yates with the
 * draws of {@link Rng#shuffle}) by this instance's generator and visited skipping i; the
 * generator advances across calls, so a sequence of calls is reproducible from the seed. With
 * two tasks the order does not matter. {@link #combineInOrder} takes the orders instead of
 * drawing them; {@link #combine} draws them and then runs the same code, so the two agree bit
 * for bit when given the same orders.
 *
 * <p>Cost: every g_i^PC stays in the span of the g_k, g_i^PC = Σ_k c_ik g_k, so the dot products
 * come from the Gram matrix (g_i^PC·g_j = Σ_k c_ik G_kj) and only the Gram matrix (T(T+1)/2 dot
 * products of length dim) and the final d = Σ_k (Σ_i c_ik) g_k touch the gradients: O(T²·dim +
 * T³) per call instead of O(T²·dim) vector updates, and nothing per-task is copied.
 */
public final class PcGrad extends GramCombiner {

  private final Rng rng;
  private double[] c = new double[0];
  private double[] alpha = new double[0];
  private int[] order = new int[0];
  /** Row i: task i's drawn visiting order of the others, in its first T − 1 entries. */
  private int[][] others = new int[0][];

  /**
   * A PCGrad combiner whose visiting orders come from {@code seed}.
   *
   * @param seed the seed of the order generator
   */
  public PcGrad(long seed) {
    this.rng = new Rng(seed);
  }

  /**
   * PCGrad with given visiting orders: for each task i, g_i^PC starts at g_i and, for j in
   * {@code orders[i]} in turn, loses its component along g_j when g_i^PC·g_j &lt; 0; then
   * d = Σ_i g_i^PC (Yu et al. 2020, Algorithm 1, with the order fixed instead of random). The
   * instance's generator is not used or advanced.
   *
   * @param taskGradients row k holds task k's gradient in its first {@code dim} entries.
   *     Not modified.
   * @param numTasks T ≥ 1, the rows used
   * @param dim number of shared parameters, ≥ 1
   * @param orders row i lists the T − 1 other tasks (every j ≠ i, once) in the order task i
   *     visits them. Not modified.
   * @param out the combined direction, length ≥ dim; must not be one of the rows. Modified.
   * @throws IllegalArgumentException naming the bad row of {@code orders} (or as {@link #combine})
   */
  public void combineInOrder(double[][] taskGradients, int numTasks, int dim, int[][] orders,
      double[] out) {
    checkOrders(orders, numTasks);
    prepare(taskGradients, numTasks, dim, out);
    fromGramInOrder(taskGradients, numTasks, dim, orders, out);
  }

  @Override
  void fromGram(double[][] taskGradients, int numTasks, int dim, double[] out) {
    final int t = numTasks;
    // Draw every task's order first: the draws do not depend on the gradients, so this
    // consumes the generator exactly as shuffling inside the projection loop would.
    for (int i = 0; i < t; i++) {
      for (int k = 0; k < t; k++) {
        order[k] = k;
      }
      shuffle(order, t);
      for (int n = 0, m = 0; n < t; n++) {
        if (order[n] != i) {
          others[i][m++] = order[n];
        }
      }
    }
    fromGramInOrder(taskGradients, t, dim, others, out);
  }

  /** The projections once {@link #gram} holds G; reads the first T − 1 entries of each order. */
  private void fromGramInOrder(double[][] taskGradients, int numTasks, int dim, int[][] orders,
      double[] out) {
    final int t = numTasks;
    java.util.Arrays.fill(alpha, 0, t, 0.0);
    for (int i = 0; i < t; i++) {
      // 1. c = e_i: g_i^PC = g_i.
      java.util.Arrays.fill(c, 0, t, 0.0);
      c[i] = 1.0;
      // 2. Visit the others in order; project off each conflicting g_j.
      final int[] visit = orders[i];
      for (int n = 0; n < t - 1; n++) {
        int j = visit[n];
        double gjj = gram[j * t + j];
        double dot = 0;
        for (int k = 0; k < t; k++) {
          dot += c[k] * gram[k * t + j];
        }
        if (dot < 0 && gjj > 0) {
          c[j] -= dot / gjj;
        }
      }
      // 3. Accumulate g_i^PC's coefficients.
      for (int k = 0; k < t; k++) {
        alpha[k] += c[k];
      }
    }
    Combiners.weightedSum(taskGradients, alpha, t, dim, out);
  }

  /** Rejects orders that are not, per row i, the T − 1 tasks other than i, each once. */
  private static void checkOrders(int[][] orders, int numTasks) {
    Check.notNull("orders", orders);
    Check.positive("numTasks", numTasks);
    if (orders.length < numTasks) {
      throw new IllegalArgumentException("orders has " + orders.length + " rows, numTasks is "
          + numTasks);
    }
    boolean[] seen = new boolean[numTasks];
    for (int i = 0; i < numTasks; i++) {
      int[] row = orders[i];
      if (row == null || row.length != numTasks - 1) {
        throw new IllegalArgumentException("orders[" + i + "] must list the " + (numTasks - 1)
            + " other tasks, got " + (row == null ? "null" : java.util.Arrays.toString(row)));
      }
      java.util.Arrays.fill(seen, false);
      seen[i] = true;
      for (int j : row) {
        if (j < 0 || j >= numTasks || seen[j]) {
          throw new IllegalArgumentException("orders[" + i + "] = " + java.util.Arrays
              .toString(row) + " must list every task other than " + i + " once, in 0.."
              + (numTasks - 1));
        }
        seen[j] = true;
      }
    }
  }

  /** {@link Rng#shuffle}'s Fisher–Yates on the first n entries (the array may be longer). */
  private void shuffle(int[] a, int n) {
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
  }

  @Override
  void allocate(int numTasks) {
    c = new double[numTasks];
    alpha = new double[numTasks];
    order = new int[numTasks];
    others = new int[numTasks][Math.max(numTasks - 1, 0)];
  }

  @Override
  public String name() {
    return "pcgrad";
  }
}
