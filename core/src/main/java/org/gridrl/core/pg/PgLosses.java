package org.gridrl.core.pg;

import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;

/**
 * The policy-gradient losses on autodiff tensors (all column vectors m × 1, one row per step);
 * each returns a 1 × 1 loss to minimise.
 *
 * <ul>
 *   <li>score function (REINFORCE, A2C; Williams 1992): L = −(1/m) Σ_i log π_θ(a_i|s_i) Â_i,
 *       whose gradient is the policy-gradient estimate −Ê[∇ log π Â];
 *   <li>PPO clipped surrogate (Schulman et al. 2017): ρ_i = exp(log π_θ − log π_old),
 *       L = −(1/m) Σ_i min(ρ_i Â_i, clip(ρ_i, 1 − ε, 1 + ε) Â_i), with min(x, y) = x − relu(x − y);
 *   <li>value regression: L = ½ (1/m) Σ_i (V_i − R_i)², and its clipped form
 *       L = ½ (1/m) Σ_i max((V_i − R_i)², (V_old,i + clip(V_i − V_old,i, −ε, ε) − R_i)²),
 *       with max(x, y) = x + relu(y − x); SAC's critics minimise the same ½ (1/m) Σ_i (Q_i − y_i)²
 *       against the soft target;
 *   <li>SAC (Haarnoja et al. 2018): the soft Bellman target
 *       y_i = r_i + γ(1 − d_i)(min_j Q_targ,j(s'_i, a'_i) − α log π(a'_i|s'_i))
 *       ({@link #softTarget}, on values), the actor loss
 *       L_π = (1/m) Σ_i (α log π(ã_i|s_i) − min_j Q_j(s_i, ã_i)) ({@link #sacActor}), and the
 *       temperature loss J(log α) = −log α · (mean log π + H̄) ({@link #sacTemperature},
 *       Haarnoja et al. 2018b).
 * </ul>
 * Advantages, returns, targets, old log-probabilities and old values are constants (no
 * gradient).
 */
public final class PgLosses {

  private PgLosses() {
  }

  /** −mean(log π ⊙ Â). */
  public static Tensor scoreFunction(Tape tape, Tensor logProb, Tensor advantages) {
    return tape.neg(tape.mean(tape.mul(logProb, tape.stopGradient(advantages))));
  }

  /** −mean(min(ρ Â, clip(ρ, 1 − ε, 1 + ε) Â)), ρ = exp(log π − log π_old). */
  public static Tensor ppoClip(Tape tape, Tensor logProb, Tensor oldLogProb, Tensor advantages,
      double clipRatio) {
    if (!(clipRatio > 0)) {
      throw new IllegalArgumentException("clipRatio must be > 0, got " + clipRatio);
    }
    Tensor adv = tape.stopGradient(advantages);
    Tensor ratio = tape.exp(tape.sub(logProb, tape.stopGradient(oldLogProb)));
    Tensor unclipped = tape.mul(ratio, adv);
    Tensor clipped = tape.mul(tape.clamp(ratio, 1 - clipRatio, 1 + clipRatio), adv);
    Tensor min = tape.sub(unclipped, tape.relu(tape.sub(unclipped, clipped)));
    return tape.neg(tape.mean(min));
  }

  /** ½ mean((V − R)²). */
  public static Tensor valueMse(Tape tape, Tensor values, Tensor targets) {
    return tape.mul(tape.mean(tape.square(tape.sub(values, tape.stopGradient(targets)))), 0.5);
  }

  /** ½ mean(max((V − R)², (V_old + clip(V − V_old, −ε, ε) − R)²)). */
  public static Tensor clippedValue(Tape tape, Tensor values, Tensor oldValues, Tensor targets,
      double clip) {
    if (!(clip > 0)) {
      throw new IllegalArgumentException("value clip must be > 0, got " + clip);
    }
    Tensor r = tape.stopGradient(targets);
    Tensor vOld = tape.stopGradient(oldValues);
    Tensor a = tape.square(tape.sub(values, r));
    Tensor vClipped = tape.add(vOld, tape.clamp(tape.sub(values, vOld), -clip, clip));
    Tensor b = tape.square(tape.sub(vClipped, r));
    Tensor max = tape.add(a, tape.relu(tape.sub(b, a)));
    return tape.mul(tape.mean(max), 0.5);
  }

  /**
   * SAC's actor loss L_π = mean_i (α log π(ã_i|s_i) − min(Q₁(s_i, ã_i), Q₂(s_i, ã_i))) for a
   * reparameterised ã, so its gradient reaches the actor through log π and through ã in the
   * critics (hold the critics fixed by giving them constant parameters). The minimum is taken
   * per row and differentiated as the selected critic (a subgradient at ties, Q₁ chosen), as
   * min(Q₁, Q₂) = Q₂ + m ⊙ (Q₁ − Q₂) with the constant m_i = 1[Q₁,i ≤ Q₂,i].
   *
   * @param logProb log π(ã_i|s_i), m × 1
   * @param q1 Q₁(s_i, ã_i), m × 1
   * @param q2 Q₂(s_i, ã_i), m × 1
   * @param alpha the temperature α
   * @param minMask m, reshaped to m × 1 and filled, or null to allocate. Modified; it is wrapped
   *     as a constant, so keep it unchanged until the tape is reset.
   * @return the 1 × 1 loss
   */
  public static Tensor sacActor(Tape tape, Tensor logProb, Tensor q1, Tensor q2, double alpha,
      DMatrixRMaj minMask) {
    int b = q1.rows();
    if (q2.rows() != b || logProb.rows() != b || q1.cols() != 1 || q2.cols() != 1
        || logProb.cols() != 1) {
      throw new IllegalArgumentException("sacActor: logProb, q1 and q2 must be " + b
          + " × 1, got " + logProb.rows() + "×" + logProb.cols() + ", " + q1.rows() + "×"
          + q1.cols() + ", " + q2.rows() + "×" + q2.cols());
    }
    DMatrixRMaj mask = minMask == null ? new DMatrixRMaj(b, 1) : minMask;
    mask.reshape(b, 1);
    double[] v1 = q1.value().data;
    double[] v2 = q2.value().data;
    for (int i = 0; i < b; i++) {
      mask.data[i] = v1[i] <= v2[i] ? 1.0 : 0.0;
    }
    Tensor m = tape.constant(mask);
    // min(q1, q2) = q2 + m (q1 − q2)
    Tensor minQ = tape.add(q2, tape.mul(m, tape.sub(q1, q2)));
    return tape.mean(tape.sub(tape.mul(logProb, alpha), minQ));
  }

  /**
   * The soft Bellman target y_i = r_i + γ(1 − d_i)(min(q1_i, q2_i) − α logπ_i), elementwise over
   * a B × 1 batch (values, no tape: the target is a constant of the critics' loss).
   *
   * @param rewards r. Not modified.
   * @param terminated d ∈ {0, 1}: only termination stops the bootstrap. Not modified.
   * @param q1Next Q_targ,1(s', a'). Not modified.
   * @param q2Next Q_targ,2(s', a'). Not modified.
   * @param logPiNext log π(a'|s'). Not modified.
   * @param gamma γ
   * @param alpha α
   * @param out y, reshaped to B × 1. Modified.
   */
  public static void softTarget(DMatrixRMaj rewards, DMatrixRMaj terminated, DMatrixRMaj q1Next,
      DMatrixRMaj q2Next, DMatrixRMaj logPiNext, double gamma, double alpha, DMatrixRMaj out) {
    int b = rewards.getNumElements();
    if (terminated.getNumElements() != b || q1Next.getNumElements() != b
        || q2Next.getNumElements() != b || logPiNext.getNumElements() != b) {
      throw new IllegalArgumentException("softTarget: every input must have " + b + " entries");
    }
    out.reshape(b, 1);
    for (int i = 0; i < b; i++) {
      double v = Math.min(q1Next.data[i], q2Next.data[i]) - alpha * logPiNext.data[i];
      out.data[i] = rewards.data[i] + gamma * (1.0 - terminated.data[i]) * v;
    }
  }

  /**
   * SAC's temperature loss J(log α) = −log α · (mean log π + H̄) (Haarnoja et al. 2018b,
   * in log α as CleanRL learns it), with the mean log π of the actor step's sample held fixed.
   *
   * @param logAlpha log α
   * @param meanLogPi mean_i log π(ã_i|s_i)
   * @param targetEntropy H̄ (−dim(A) by default)
   */
  public static double sacTemperature(double logAlpha, double meanLogPi, double targetEntropy) {
    return -logAlpha * (meanLogPi + targetEntropy);
  }

  /**
   * ∂J/∂log α = −(mean log π + H̄) of {@link #sacTemperature}: log α rises while the policy's
   * entropy −mean log π is below the target H̄.
   */
  public static double sacTemperatureGradient(double meanLogPi, double targetEntropy) {
    return -(meanLogPi + targetEntropy);
  }
}
