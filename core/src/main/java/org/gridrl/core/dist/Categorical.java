package org.gridrl.core.dist;

import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.util.Rng;

/**
 * A batch of categorical distributions from logits z (m × K, one distribution per row):
 * log p_ik = z_ik − log Σ_j exp(z_ij) (a max-shifted log-softmax), entropy
 * H_i = −Σ_k p_ik log p_ik, KL(p‖q)_i = Σ_k p_ik (log p_ik − log q_ik).
 *
 * <p>Every quantity is a tensor on the logits' tape, so it is differentiable in the logits
 * (and through them in the network parameters). Sampling reads the current values and is not
 * differentiable (a discrete sample has no reparameterisation).
 */
public final class Categorical {

  private Tape tape;
  private Tensor logits;
  private Tensor logProbs;

  /**
   * The distributions softmax(z_i) of each row of {@code logits}.
   *
   * @param tape the tape the logits live on
   * @param logits m × K, K ≥ 1
   */
  public Categorical(Tape tape, Tensor logits) {
    set(tape, logits);
  }

  /**
   * Makes this the distribution of new logits, as the constructor would (recording the same
   * log-softmax), so that a loop can keep one instance and allocate nothing per pass; it is then
   * valid until the next rebinding. Tensors taken from it before keep their values.
   *
   * @param tape the tape the logits live on
   * @param logits m × K, K ≥ 1
   * @return this distribution
   */
  public Categorical set(Tape tape, Tensor logits) {
    if (logits.cols() < 1) {
      throw new IllegalArgumentException("a categorical needs at least one category");
    }
    this.tape = tape;
    this.logits = logits;
    this.logProbs = tape.logSoftmax(logits);
    return this;
  }

  /** The logits z, m × K. */
  public Tensor logits() {
    return logits;
  }

  /** log p, m × K (log-softmax of the logits). */
  public Tensor logProbs() {
    return logProbs;
  }

  /** p, m × K. */
  public Tensor probs() {
    return tape.exp(logProbs);
  }

  /** Number of rows m. */
  public int batchSize() {
    return logits.rows();
  }

  /** Number of categories K. */
  public int numCategories() {
    return logits.cols();
  }

  /** log p_i(a_i), m × 1: the log-probability of category {@code actions[i]} in row i. */
  public Tensor logProb(int[] actions) {
    return tape.gather(logProbs, actions);
  }

  /** H_i = −Σ_k p_ik log p_ik, m × 1. */
  public Tensor entropy() {
    return tape.neg(tape.sum(tape.mul(tape.exp(logProbs), logProbs), 1));
  }

  /** KL(this_i ‖ q_i) = Σ_k p_ik (log p_ik − log q_ik), m × 1. */
  public Tensor kl(Categorical q) {
    if (q.batchSize() != batchSize() || q.numCategories() != numCategories()) {
      throw new IllegalArgumentException("KL between " + batchSize() + "×" + numCategories()
          + " and " + q.batchSize() + "×" + q.numCategories() + " categoricals");
    }
    return tape.sum(tape.mul(tape.exp(logProbs), tape.sub(logProbs, q.logProbs)), 1);
  }

  /**
   * Draws a_i ~ p_i for every row by inverse CDF with one uniform per row, in row order.
   *
   * @param rng the random stream. Modified.
   * @param out length m, or null to allocate. Modified.
   * @return {@code out}
   */
  public int[] sample(Rng rng, int[] out) {
    int m = batchSize();
    if (out == null) {
      out = new int[m];
    } else if (out.length != m) {
      throw new IllegalArgumentException("out has length " + out.length + ", need " + m);
    }
    for (int i = 0; i < m; i++) {
      out[i] = sample(i, rng);
    }
    return out;
  }

  /** Draws one category from row {@code row} (inverse CDF, one uniform). */
  public int sample(int row, Rng rng) {
    int k = numCategories();
    double[] lp = logProbs.value().data;
    double u = rng.nextDouble();
    double c = 0;
    int base = row * k;
    for (int j = 0; j < k - 1; j++) {
      c += Math.exp(lp[base + j]);
      if (u < c) {
        return j;
      }
    }
    return k - 1;
  }

  /** The value log p_row(a) without recording anything. */
  public double logProbValue(int row, int a) {
    return logProbs.value().data[row * numCategories() + a];
  }

  /** The most probable category of row {@code row} (lowest index on ties). */
  public int mode(int row) {
    int k = numCategories();
    double[] lp = logProbs.value().data;
    int best = 0;
    for (int j = 1; j < k; j++) {
      if (lp[row * k + j] > lp[row * k + best]) {
        best = j;
      }
    }
    return best;
  }
}
