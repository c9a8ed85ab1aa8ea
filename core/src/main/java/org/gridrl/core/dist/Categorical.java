package org.gridrl.core.dist;

import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.util.Argmax;
import org.gridrl.core.util.Rng;

/**
 * A batch of categorical distributions from logits z (m × K, one distribution per row):
 * log p_ik = z_ik − log Σ_j exp(z_ij) (a max-shifted log-softmax), entropy
 * H_i = −Σ_k p_ik log p_ik, KL(p‖q)_i = Σ_k p_ik (log p_ik − log q_ik).
 *
 * <p>Every quantity is a tensor on the logits' tape, so it is differentiable in the logits
 * (and through them in the network parameters). Sampling reads the current values and is not
 * differentiable (a discrete sample has no reparameterisation).
 *
 * <p><b>Masked actions.</b> A logit of −∞ masks its category, as in
 * {@code torch.distributions.Categorical}: p = 0 and log p = −∞ (so {@link #logProb} of a masked
 * action is −∞), it is never sampled and never the mode, and the entropy and KL take
 * 0·log 0 = 0. Gradients with respect to the unmasked logits are those of the distribution over
 * the unmasked categories alone; a masked logit gets gradient 0 from the entropy and KL. A row
 * needs at least one finite logit (a row of −∞ has no distribution: its log-probabilities are
 * NaN); a +∞ or NaN logit gives NaN.
 *
 * <p>The entropy is recorded as −Σ_k p_k·max(log p_k, {@value #LOG_FLOOR}), not −Σ p log p, so
 * that no 0·(−∞) enters the graph, in the forward pass or the backward one. This is the same
 * number, and the same gradient, for every input: log p_k &lt; −1000 means p_k = exp(log p_k) = 0
 * exactly in double precision (exp underflows below −745.2), so the floored term is 0·(−1000) =
 * 0·log p_k, and every backward path through such an entry carries a factor p_k = 0. With finite
 * logits the values and gradients are bit for bit those of the plain formula (tested).
 */
public final class Categorical {

  /**
   * The floor on log p in the entropy and KL: below it p = 0 exactly (e^−745.2 underflows), so
   * flooring changes no value, and it keeps 0·log 0 out of the graph.
   */
  static final double LOG_FLOOR = -1000;

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

  /**
   * H_i = −Σ_k p_ik log p_ik, m × 1, with 0·log 0 = 0 for masked categories; recorded as
   * −Σ_k p_ik·max(log p_ik, −1000), which has the same value and gradient (see the class
   * comment) and stays finite when a logit is −∞.
   */
  public Tensor entropy() {
    Tensor floored = tape.clamp(logProbs, LOG_FLOOR, Double.POSITIVE_INFINITY);
    return tape.neg(tape.sum(tape.mul(tape.exp(logProbs), floored), 1));
  }

  /**
   * KL(this_i ‖ q_i) = Σ_k p_ik (log p_ik − log q_ik), m × 1, summed over this row's support:
   * a category with p_ik = 0 adds 0 (whatever q gives it), and a category that q masks but p
   * does not makes KL_i = +∞ (torch's convention; its gradient is then meaningless). Without
   * −∞ log-probabilities in either distribution this is the plain formula and allocates nothing;
   * with them it records the sum over the support through constant 0/1 masks (allocated per
   * call).
   */
  public Tensor kl(Categorical q) {
    if (q.batchSize() != batchSize() || q.numCategories() != numCategories()) {
      throw new IllegalArgumentException("KL between " + batchSize() + "×" + numCategories()
          + " and " + q.batchSize() + "×" + q.numCategories() + " categoricals");
    }
    if (!hasMasked(logProbs.value()) && !hasMasked(q.logProbs.value())) {
      return tape.sum(tape.mul(tape.exp(logProbs), tape.sub(logProbs, q.logProbs)), 1);
    }
    return maskedKl(q);
  }

  /**
   * Σ_{k: p_k &gt; 0} p_k (log p_k − log q_k): log p and log q are clamped to finite values and
   * multiplied by the support indicator 1[p_k &gt; 0] (a constant), so every product is finite;
   * rows where q masks part of p's support get +∞ added.
   */
  private Tensor maskedKl(Categorical q) {
    int m = batchSize();
    int k = numCategories();
    double[] lp = logProbs.value().data;
    double[] lq = q.logProbs.value().data;
    DMatrixRMaj support = new DMatrixRMaj(m, k);
    DMatrixRMaj infinite = new DMatrixRMaj(m, 1);
    for (int i = 0; i < m * k; i++) {
      if (Math.exp(lp[i]) > 0) {
        support.data[i] = 1;
        if (lq[i] == Double.NEGATIVE_INFINITY) {
          infinite.data[i / k] = Double.POSITIVE_INFINITY;
        }
      }
    }
    Tensor s = tape.constant(support);
    Tensor lpS = tape.mul(tape.clamp(logProbs, -Double.MAX_VALUE, Double.POSITIVE_INFINITY), s);
    Tensor lqS = tape.mul(tape.clamp(q.logProbs, -Double.MAX_VALUE, Double.POSITIVE_INFINITY),
        s);
    Tensor kl = tape.sum(tape.mul(tape.exp(logProbs), tape.sub(lpS, lqS)), 1);
    return tape.add(kl, tape.constant(infinite));
  }

  private static boolean hasMasked(DMatrixRMaj logProbs) {
    for (int i = 0, n = logProbs.getNumElements(); i < n; i++) {
      if (logProbs.data[i] == Double.NEGATIVE_INFINITY) {
        return true;
      }
    }
    return false;
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

  /**
   * Draws one category from row {@code row} (inverse CDF, one uniform). When round-off leaves
   * the uniform above the cumulative sum of the first K − 1 probabilities, the last unmasked
   * category is drawn (the last one, when it is unmasked); a masked category is never drawn.
   */
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
    int last = k - 1;
    while (last > 0 && lp[base + last] == Double.NEGATIVE_INFINITY) {
      last--;
    }
    return last;
  }

  /** The value log p_row(a) without recording anything. */
  public double logProbValue(int row, int a) {
    return logProbs.value().data[row * numCategories() + a];
  }

  /** The most probable category of row {@code row} (lowest index on ties; never a masked one). */
  public int mode(int row) {
    int k = numCategories();
    double[] lp = logProbs.value().data;
    return Argmax.first(lp, row * k, k);
  }
}
