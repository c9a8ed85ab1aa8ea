package org.gridrl.irl.sampled;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.gridrl.core.util.Check;

/**
 * Hyperparameters of the discriminator that {@link Gail} and {@link Airl} train between policy
 * updates: min_ψ −E_expert[log D_ψ] − E_π[log(1 − D_ψ)] + λ·E_expert‖∇ₓ z_ψ‖² with D = σ(z),
 * by Adam over minibatches that hold as many expert rows as policy rows.
 *
 * @param hidden hidden layer sizes of each MLP (tanh), each ≥ 1, empty for a linear logit; kept
 *     as an immutable copy ([32, 32])
 * @param learningRate Adam step size η &gt; 0 (1e-3)
 * @param epochs passes over the policy rows per iteration, ≥ 1; a pass is
 *     ⌈N_policy / minibatchSize⌉ steps (2)
 * @param minibatchSize rows of each class per step, ≥ 1, capped at N_policy (256)
 * @param gradientPenalty λ ≥ 0 of the R1 penalty on the expert inputs (Mescheder et al. 2018);
 *     0 turns it off (0)
 */
@RecordBuilder
public record DiscriminatorConfig(List<Integer> hidden, double learningRate, int epochs,
    int minibatchSize, double gradientPenalty) implements DiscriminatorConfigBuilder.With {

  /** Validates every field; messages name the value. */
  public DiscriminatorConfig {
    Check.argument(hidden != null, "hidden must not be null (use [] for a linear logit)");
    Check.argument(hidden.stream().allMatch(h -> h != null && h >= 1),
        "hidden layer sizes must be >= 1, got %s", hidden);
    hidden = List.copyOf(hidden);
    Check.positiveFinite("learningRate", learningRate);
    Check.positive("epochs", epochs);
    Check.positive("minibatchSize", minibatchSize);
    Check.nonNegativeFinite("gradientPenalty", gradientPenalty);
  }

  /** Two hidden layers of 32, η 1e-3, 2 epochs of minibatches of 256 per class, no penalty. */
  public static DiscriminatorConfig defaults() {
    return new DiscriminatorConfig(List.of(32, 32), 1e-3, 2, 256, 0.0);
  }
}
