package org.gridrl.core.pg;

import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;

/**
 * The two losses of SAC for discrete actions (Christodoulou 2019, "Soft Actor-Critic for
 * Discrete Action Settings", eqs. 10 and 12), where the critic gives Q(s, ·) for every action
 * and expectations over π are computed exactly, action by action, instead of sampled:
 * <ul>
 *   <li>the soft target y = r + γ(1 − d) V(s'), V(s') = Σ_a π(a|s')[min_i Q_targ,i(s', a) −
 *       α log π(a|s')];
 *   <li>the actor's loss J_π = mean_s Σ_a π(a|s)[α log π(a|s) − min_i Q_i(s, a)].
 * </ul>
 * Reference code: p-christ/Deep-Reinforcement-Learning-Algorithms-with-PyTorch
 * {@code agents/actor_critic_agents/SAC_Discrete.py} ({@code calculate_critic_losses},
 * {@code calculate_actor_loss}). Shapes are B × |A| (a row per state).
 */
public final class DiscreteSacLosses {

  private DiscreteSacLosses() {}

  /**
   * y_i = r_i + γ(1 − d_i) Σ_a π_ia (min(q1_ia, q2_ia) − α log π_ia), π_ia = exp(logPi_ia)
   * (values, no tape: the target is a constant of the critics' loss).
   *
   * @param rewards r, B entries. Not modified.
   * @param terminated d ∈ {0, 1}, B entries: only termination stops the bootstrap. Not
   *     modified.
   * @param logPiNext log π(·|s'_i), B × |A|. Not modified.
   * @param q1Next Q_targ,1(s'_i, ·), B × |A|. Not modified.
   * @param q2Next Q_targ,2(s'_i, ·), B × |A|. Not modified.
   * @param gamma γ
   * @param alpha α
   * @param out y, reshaped to B × 1. Modified.
   */
  public static void softTarget(DMatrixRMaj rewards, DMatrixRMaj terminated,
      DMatrixRMaj logPiNext, DMatrixRMaj q1Next, DMatrixRMaj q2Next, double gamma,
      double alpha, DMatrixRMaj out) {
    int b = rewards.getNumElements();
    int k = logPiNext.numCols;
    if (terminated.getNumElements() != b || logPiNext.numRows != b || q1Next.numRows != b
        || q2Next.numRows != b || q1Next.numCols != k || q2Next.numCols != k) {
      throw new IllegalArgumentException("softTarget: " + b + " rewards need " + b
          + " terminations and " + b + " × |A| logPiNext, q1Next, q2Next, got "
          + terminated.getNumElements() + ", " + logPiNext.numRows + "×" + k + ", "
          + q1Next.numRows + "×" + q1Next.numCols + ", " + q2Next.numRows + "×"
          + q2Next.numCols);
    }
    out.reshape(b, 1);
    for (int i = 0; i < b; i++) {
      double v = 0;
      for (int a = i * k; a < (i + 1) * k; a++) {
        double logPi = logPiNext.data[a];
        v += Math.exp(logPi) * (Math.min(q1Next.data[a], q2Next.data[a]) - alpha * logPi);
      }
      out.data[i] = rewards.data[i] + gamma * (1.0 - terminated.data[i]) * v;
    }
  }

  /**
   * The actor's loss J_π = (1/B) Σ_i Σ_a π_ia (α log π_ia − min(q1_ia, q2_ia)), π = exp(logPi),
   * differentiable in logPi (the critics are constants).
   *
   * @param logPi log π(·|s_i), B × |A|, on the tape (a log-softmax of the actor's logits)
   * @param q1 Q₁(s_i, ·), B × |A|. Not modified.
   * @param q2 Q₂(s_i, ·), B × |A|. Not modified.
   * @param alpha α
   * @param minQ min(q1, q2), reshaped to B × |A| and filled, or null to allocate. Modified; it
   *     is wrapped as a constant, so keep it unchanged until the tape is reset.
   * @return the 1 × 1 loss
   */
  public static Tensor actor(Tape tape, Tensor logPi, DMatrixRMaj q1, DMatrixRMaj q2,
      double alpha, DMatrixRMaj minQ) {
    int b = logPi.rows();
    int k = logPi.cols();
    if (q1.numRows != b || q2.numRows != b || q1.numCols != k || q2.numCols != k) {
      throw new IllegalArgumentException("actor: logPi is " + b + "×" + k + ", q1 " + q1.numRows
          + "×" + q1.numCols + ", q2 " + q2.numRows + "×" + q2.numCols);
    }
    DMatrixRMaj m = minQ == null ? new DMatrixRMaj(b, k) : minQ;
    m.reshape(b, k);
    for (int i = 0, n = b * k; i < n; i++) {
      m.data[i] = Math.min(q1.data[i], q2.data[i]);
    }
    Tensor pi = tape.exp(logPi);
    Tensor inner = tape.sub(tape.mul(logPi, alpha), tape.constant(m));
    return tape.mul(tape.sum(tape.mul(pi, inner)), 1.0 / b);
  }
}
