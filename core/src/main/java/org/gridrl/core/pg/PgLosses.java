package org.gridrl.core.pg;

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
 *       with max(x, y) = x + relu(y − x).
 * </ul>
 * Advantages, returns, old log-probabilities and old values are constants (no gradient).
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
}
