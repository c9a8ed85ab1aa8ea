package org.gridrl.core.planning;

/**
 * Accelerator: type-II Anderson acceleration (Walker &amp; Ni 2011, "Anderson acceleration for
 * fixed-point iterations") of the iteration x ← T(x) with memory m = {@value #MEMORY}:
 * <pre>
 *   x_next = T(x) − Σ_i γ_i ΔG_i,   γ = argmin ‖f − ΔF γ‖₂,   f = T(x) − x,
 * </pre>
 * ΔF and ΔG the differences of the last m residuals f and sweep outputs T(x), γ from the normal
 * equations (ΔFᵀΔF + λI)γ = ΔFᵀf with a 1e-12 relative ridge λ, by a Cholesky solve; a Gram
 * matrix that is not positive definite (or a non-finite γ) restarts the memory with a plain
 * sweep x_next = T(x).
 *
 * <p>{@link SoftViEngine} drives it around each sweep: {@link #beginSweep}, then
 * {@link #differences} on every block while the sweep runs, then, if the solve goes on,
 * {@link #endSweep} (serially) and {@link #extrapolate} on every block. The dot products are
 * summed per block and then over the blocks in block order, so for a fixed block size the
 * result is the same for any thread count. It allocates only in its constructor: 2m + 2 vectors
 * of S doubles.
 */
final class Anderson {

  /** Number of past sweeps Anderson acceleration extrapolates from. */
  static final int MEMORY = 5;

  private final int numBlocks;
  private final double[] fPrev;
  private final double[] gPrev;
  private final double[][] dF;
  private final double[][] dG;
  /** Per block: ⟨ΔF_new, ΔF_i⟩ at [b·2m, b·2m + m), ⟨ΔF_i, f⟩ at [b·2m + m, b·2m + 2m). */
  private final double[] dots;
  private final double[][] gram;
  private final double[] rhs;
  private final double[] coef;
  private final double[] chol;
  /** Columns in the memory. */
  private int count;
  /** The column the current sweep writes, or −1 on the first sweep and after a restart. */
  private int newest;
  private boolean havePrev;

  /** Workspace for S states cut into {@code numBlocks} blocks. */
  Anderson(int numStates, int numBlocks) {
    final int m = MEMORY;
    this.numBlocks = numBlocks;
    this.fPrev = new double[numStates];
    this.gPrev = new double[numStates];
    this.dF = new double[m][numStates];
    this.dG = new double[m][numStates];
    this.dots = new double[numBlocks * 2 * m];
    this.gram = new double[m][m];
    this.rhs = new double[m];
    this.coef = new double[m];
    this.chol = new double[m * m];
  }

  /** Before a sweep: picks the memory column its differences go to (the oldest once full). */
  void beginSweep() {
    newest = havePrev ? (count < MEMORY ? count : (newest + 1) % MEMORY) : -1;
  }

  /**
   * On one block while the sweep runs: f = g − x, the newest ΔF, ΔG columns, and the block's
   * dot products ⟨ΔF_new, ΔF_i⟩ and ⟨ΔF_i, f⟩.
   *
   * @param x the sweep's input. Not modified.
   * @param g the sweep's output T(x) on the block. Not modified.
   */
  void differences(double[] x, double[] g, int block, int begin, int end) {
    final int m = MEMORY;
    final int base = block * 2 * m;
    for (int i = 0; i < 2 * m; i++) {
      dots[base + i] = 0;
    }
    if (newest < 0) {
      for (int s = begin; s < end; s++) {
        fPrev[s] = g[s] - x[s];
        gPrev[s] = g[s];
      }
      return;
    }
    final double[] dfNew = dF[newest];
    final double[] dgNew = dG[newest];
    final int cols = Math.min(count + 1, m);
    for (int s = begin; s < end; s++) {
      final double f = g[s] - x[s];
      dfNew[s] = f - fPrev[s];
      dgNew[s] = g[s] - gPrev[s];
      fPrev[s] = f;
      gPrev[s] = g[s];
    }
    for (int i = 0; i < cols; i++) {
      final double[] dfi = dF[i];
      double gramAcc = 0;
      double rhsAcc = 0;
      for (int s = begin; s < end; s++) {
        gramAcc += dfNew[s] * dfi[s];
        rhsAcc += dfi[s] * fPrev[s];
      }
      dots[base + i] = gramAcc;
      dots[base + m + i] = rhsAcc;
    }
  }

  /**
   * After a sweep the solve continues from (serially): grows the memory, reduces the blocks'
   * dot products into the Gram matrix and solves for γ; a failed solve empties the memory, so
   * the next step is a plain sweep.
   */
  void endSweep() {
    if (havePrev) {
      if (count < MEMORY) {
        count++;
      }
      reduceDots();
      if (!solveCoefficients()) {
        count = 0;
        newest = -1;
      }
    }
    havePrev = true;
  }

  /**
   * On one block: x ← g − Σ_i γ_i ΔG_i (x = g after a restart).
   *
   * @param g the last sweep's output. Not modified.
   * @param x the next iterate on the block. Modified.
   */
  void extrapolate(double[] g, double[] x, int begin, int end) {
    final int n = count;
    for (int s = begin; s < end; s++) {
      double xs = g[s];
      for (int i = 0; i < n; i++) {
        xs -= coef[i] * dG[i][s];
      }
      x[s] = xs;
    }
  }

  private void reduceDots() {
    final int m = MEMORY;
    for (int i = 0; i < count; i++) {
      double gramAcc = 0;
      double rhsAcc = 0;
      for (int b = 0; b < numBlocks; b++) {
        gramAcc += dots[b * 2 * m + i];
        rhsAcc += dots[b * 2 * m + m + i];
      }
      gram[newest][i] = gramAcc;
      gram[i][newest] = gramAcc;
      rhs[i] = rhsAcc;
    }
  }

  /** Cholesky solve of (G + λI)γ = b, λ = 1e-12·trace G; false when G is not positive definite. */
  private boolean solveCoefficients() {
    final int n = count;
    double trace = 0;
    for (int i = 0; i < n; i++) {
      trace += gram[i][i];
    }
    if (!(trace > 0) || !Double.isFinite(trace)) {
      return false;
    }
    final double ridge = 1e-12 * trace;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = gram[i][j] + (i == j ? ridge : 0);
        for (int k = 0; k < j; k++) {
          sum -= chol[i * n + k] * chol[j * n + k];
        }
        if (i == j) {
          if (!(sum > 0)) {
            return false;
          }
          chol[i * n + i] = Math.sqrt(sum);
        } else {
          chol[i * n + j] = sum / chol[j * n + j];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      double sum = rhs[i];
      for (int k = 0; k < i; k++) {
        sum -= chol[i * n + k] * coef[k];
      }
      coef[i] = sum / chol[i * n + i];
    }
    for (int i = n - 1; i >= 0; i--) {
      double sum = coef[i];
      for (int k = i + 1; k < n; k++) {
        sum -= chol[k * n + i] * coef[k];
      }
      coef[i] = sum / chol[i * n + i];
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(coef[i])) {
        return false;
      }
    }
    return true;
  }
}
