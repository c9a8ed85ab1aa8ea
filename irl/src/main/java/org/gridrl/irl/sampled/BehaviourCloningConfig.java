package org.gridrl.irl.sampled;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.gridrl.core.util.Check;

/**
 * Hyperparameters of {@link BehaviourCloning}. Vary them with the generated {@code withX}
 * methods ({@code BehaviourCloningConfig.defaults().withEpochs(50)}) or {@code with(b -> ...)};
 * every way goes through the checks of the compact constructor.
 *
 * @param epochs passes over the expert rows, ≥ 1 (default 100)
 * @param minibatchSize rows per Adam step, ≥ 1; an epoch is ⌈N / size⌉ steps over a fresh
 *     shuffle, the last one shorter (default 64; N or more gives full-batch steps)
 * @param learningRate Adam's step size η, finite and &gt; 0 (default 1e-3)
 * @param hidden hidden layer widths of the policy MLP (tanh), each ≥ 1, empty for a linear
 *     policy; the network is the one the PPO-based methods train, built as
 *     {@code core.pg.Networks.policy} builds it (default 64, 64); kept as an immutable copy
 * @param initLogStd initial log σ of a Gaussian policy, finite (continuous actions only;
 *     default 0)
 * @param seed seeds the network (stream 0 of {@code Rng(seed)}, as
 *     {@code Networks.defaultPolicy}) and the minibatch shuffles (stream 2) (default 0)
 */
@RecordBuilder
public record BehaviourCloningConfig(int epochs, int minibatchSize, double learningRate,
    List<Integer> hidden, double initLogStd, long seed)
    implements BehaviourCloningConfigBuilder.With {

  /** Validates every field; messages name the field and the value. */
  public BehaviourCloningConfig {
    Check.positive("epochs", epochs);
    Check.positive("minibatchSize", minibatchSize);
    Check.positiveFinite("learningRate", learningRate);
    Check.argument(hidden != null, "hidden must not be null (use [] for no hidden layer)");
    Check.argument(hidden.stream().allMatch(h -> h != null && h >= 1),
        "hidden layer sizes must be >= 1, got %s", hidden);
    hidden = List.copyOf(hidden);
    Check.finite("initLogStd", initLogStd);
  }

  /** 100 epochs of minibatches of 64, Adam 1e-3, hidden 64, 64, log σ 0, seed 0. */
  public static BehaviourCloningConfig defaults() {
    return new BehaviourCloningConfig(100, 64, 1e-3, List.of(64, 64), 0.0, 0L);
  }
}
