package org.gridrl.core.optim;

/**
 * The Gram matrix of T per-task gradients, G_ij = g_i·g_j, and the conflict diagnostics read
 * from it: the cosine cos_ij = G_ij / √(G_ii·G_jj) of each pair i &lt; j, their mean, and the
 * share of pairs with cos_ij &lt; 0 ("conflicting gradients", Yu et al. 2020, "Gradient Surgery
 * for Multi-Task Learning", §2). A kernel over plain arrays with caller-owned outputs; nothing
 * is allocated. One Gram matrix serves both the diagnostics and a combiner
 * ({@link GradientCombination#combineGivenGram}).
 *
 * <p>Sparse gradients: the gradient of a task's loss over its own rows is zero on every weight
 * of an input it never sees (a one-hot state or task id), so most of a multi-task network's
 * first layer is zero in each task's gradient. {@link #gram(double[][], int, int, double[],
 * boolean[])} marks each task's nonzero blocks of {@value #BLOCK} entries and sums only over the
 * blocks both tasks touch: bitwise the dense {@link #gram(double[][], int, int, double[])}
 * (each entry stays in its lane k mod 4 and the lanes add in increasing k; a skipped product is
 * ±0, and adding ±0 to a partial sum that starts at +0 changes nothing).
 */
public final class GradientGram {

  /** Entries per block of the sparse kernel (a multiple of 4, the dense kernel's lanes). */
  public static final int BLOCK = 16;

  private GradientGram() {}

  /** The number of blocks of {@value #BLOCK} entries covering {@code dim} entries. */
  public static int blocks(int dim) {
    return (dim + BLOCK - 1) / BLOCK;
  }

  /**
   * The Gram matrix as {@link #gram(double[][], int, int, double[])} computes it, bitwise,
   * summing each pair only over the blocks of {@value #BLOCK} entries where both gradients have
   * a nonzero entry.
   *
   * @param g row k holds task k's gradient in its first {@code dim} entries. Not modified.
   * @param numTasks T, the rows used
   * @param dim the entries used of each row
   * @param gram length ≥ T². Modified.
   * @param nonzero workspace of length ≥ T·{@link #blocks}(dim): entry k·B + b, whether block b
   *     of g_k has a nonzero entry. Modified.
   */
  public static void gram(double[][] g, int numTasks, int dim, double[] gram,
      boolean[] nonzero) {
    final int nb = blocks(dim);
    for (int k = 0; k < numTasks; k++) {
      double[] gk = g[k];
      for (int b = 0; b < nb; b++) {
        boolean nz = false;
        for (int j = b * BLOCK, hi = Math.min(j + BLOCK, dim); j < hi; j++) {
          if (gk[j] != 0) {
            nz = true;
            break;
          }
        }
        nonzero[k * nb + b] = nz;
      }
    }
    final int dim4 = dim & ~3; // entries [0, dim4) in lanes k mod 4, the tail in lane 0
    for (int i = 0; i < numTasks; i++) {
      double[] gi = g[i];
      int bi = i * nb;
      for (int j = i; j < numTasks; j++) {
        double[] gj = g[j];
        int bj = j * nb;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int b = 0; b < nb; b++) {
          if (!nonzero[bi + b] || !nonzero[bj + b]) {
            continue;
          }
          int lo = b * BLOCK;
          int hi = Math.min(lo + BLOCK, dim);
          int quads = Math.min(hi, dim4);
          int k = lo;
          for (; k < quads; k += 4) {
            s0 += gi[k] * gj[k];
            s1 += gi[k + 1] * gj[k + 1];
            s2 += gi[k + 2] * gj[k + 2];
            s3 += gi[k + 3] * gj[k + 3];
          }
          for (; k < hi; k++) {
            s0 += gi[k] * gj[k];
          }
        }
        double s = (s0 + s1) + (s2 + s3);
        gram[i * numTasks + j] = s;
        gram[j * numTasks + i] = s;
      }
    }
  }

  /**
   * gram[i·T + j] = g_i·g_j for i, j &lt; T, row-major and symmetric, each pair computed once
   * (four partial sums over the entries k ≡ 0, 1, 2, 3 mod 4, then (s0 + s1) + (s2 + s3)).
   *
   * @param g row k holds task k's gradient in its first {@code dim} entries. Not modified.
   * @param numTasks T, the rows used
   * @param dim the entries used of each row
   * @param gram length ≥ T². Modified.
   */
  public static void gram(double[][] g, int numTasks, int dim, double[] gram) {
    for (int i = 0; i < numTasks; i++) {
      double[] gi = g[i];
      for (int j = i; j < numTasks; j++) {
        double[] gj = g[j];
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < dim; k += 4) {
          s0 += gi[k] * gj[k];
          s1 += gi[k + 1] * gj[k + 1];
          s2 += gi[k + 2] * gj[k + 2];
          s3 += gi[k + 3] * gj[k + 3];
        }
        for (; k < dim; k++) {
          s0 += gi[k] * gj[k];
        }
        double s = (s0 + s1) + (s2 + s3);
        gram[i * numTasks + j] = s;
        gram[j * numTasks + i] = s;
      }
    }
  }

  /**
   * The cosine of gradients i and j, G_ij / (√G_ii·√G_jj); NaN when either gradient is zero.
   *
   * @param gram a T×T Gram matrix, row-major. Not modified.
   */
  public static double cosine(double[] gram, int numTasks, int i, int j) {
    double gii = gram[i * numTasks + i];
    double gjj = gram[j * numTasks + j];
    if (!(gii > 0 && gjj > 0)) {
      return Double.NaN;
    }
    return gram[i * numTasks + j] / (Math.sqrt(gii) * Math.sqrt(gjj));
  }

  /**
   * The mean of cos_ij over the pairs i &lt; j whose gradients are both nonzero; NaN when there
   * is no such pair (T = 1, or zero gradients).
   *
   * @param gram a T×T Gram matrix, row-major. Not modified.
   */
  public static double meanCosine(double[] gram, int numTasks) {
    double sum = 0;
    int pairs = 0;
    for (int i = 0; i < numTasks; i++) {
      for (int j = i + 1; j < numTasks; j++) {
        double c = cosine(gram, numTasks, i, j);
        if (!Double.isNaN(c)) {
          sum += c;
          pairs++;
        }
      }
    }
    return pairs == 0 ? Double.NaN : sum / pairs;
  }

  /**
   * The share of the pairs i &lt; j with both gradients nonzero whose cosine is negative
   * (G_ij &lt; 0); NaN when there is no such pair.
   *
   * @param gram a T×T Gram matrix, row-major. Not modified.
   */
  public static double conflictFraction(double[] gram, int numTasks) {
    int conflicting = 0;
    int pairs = 0;
    for (int i = 0; i < numTasks; i++) {
      for (int j = i + 1; j < numTasks; j++) {
        double c = cosine(gram, numTasks, i, j);
        if (!Double.isNaN(c)) {
          pairs++;
          if (c < 0) {
            conflicting++;
          }
        }
      }
    }
    return pairs == 0 ? Double.NaN : (double) conflicting / pairs;
  }
}
