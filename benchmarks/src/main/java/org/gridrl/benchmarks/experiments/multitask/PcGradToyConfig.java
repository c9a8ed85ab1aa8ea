package org.gridrl.benchmarks.experiments.multitask;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.gridrl.benchmarks.runner.ExperimentConfig;
import org.gridrl.core.util.Check;

/**
 * Settings of the {@code pcgrad-toy} experiment. A seed is a start point: seed k in 1 ..
 * {@code starts.size()} starts every method of both variants at the k-th listed point; any other
 * seed draws a start uniformly in [−10, 10]² from {@code new Rng(seed)}. (With two tasks
 * PCGrad's random visiting order does not matter, so nothing else is random.)
 *
 * @param starts the listed start points (θ1, θ2): (0.5, −3) of the public PCGrad toy
 *     reimplementation, (−8.5, 7.5), (−8.5, −5) and (9, 9) of the CAGrad authors' {@code toy.py},
 *     and (6, −8), ours, below both valleys
 * @param log10Steps Adam steps on the log10 variant (500 000, the reimplementation's
 *     {@code EPOCHS})
 * @param gatedSteps Adam steps on the gated variant (100 000, {@code toy.py}'s {@code n_iter})
 * @param learningRate Adam's step size, both variants (0.001, both references)
 * @param recordEvery θ and the losses are recorded every this many steps (500)
 * @param cagradC CAGrad's c (0.5, {@code toy.py}'s)
 * @param log10Target the log10 variant counts as solved once max(L1, L2) ≤ this (−20: both
 *     |0.5θ1 + tanh θ2| ≤ 0.1 and |0.5θ1 − tanh θ2 + 2| ≤ 0.16, the joint valley at θ1 ≈ −2,
 *     tanh θ2 ≈ 1 where L1 + L2 is lowest)
 * @param gatedRadius the gated variant counts as solved once θ is within this distance of the
 *     minimiser of L1 + L2, (0, −8.3552) (0.05)
 * @param seeds the start points to run, see above
 */
@RecordBuilder
public record PcGradToyConfig(List<List<Double>> starts, int log10Steps, int gatedSteps,
    double learningRate, int recordEvery, double cagradC, double log10Target, double gatedRadius,
    List<Long> seeds) implements ExperimentConfig<PcGradToyConfig>, PcGradToyConfigBuilder.With {

  /** Validates every field; messages name the value. */
  public PcGradToyConfig {
    Check.argument(starts != null && !starts.isEmpty(), "starts must not be empty");
    for (List<Double> s : starts) {
      Check.argument(s != null && s.size() == 2 && Double.isFinite(s.get(0))
          && Double.isFinite(s.get(1)), "every start must be two finite numbers, got %s", s);
    }
    starts = List.copyOf(starts.stream().map(List::copyOf).toList());
    Check.positive("log10Steps", log10Steps);
    Check.positive("gatedSteps", gatedSteps);
    Check.positiveFinite("learningRate", learningRate);
    Check.positive("recordEvery", recordEvery);
    Check.nonNegativeFinite("cagradC", cagradC);
    Check.argument(Double.isFinite(log10Target), "log10Target must be finite, got %s",
        log10Target);
    Check.positiveFinite("gatedRadius", gatedRadius);
    seeds = ExperimentConfig.checkSeeds(seeds);
  }

  /** The full run: the five listed starts. */
  public static PcGradToyConfig defaults() {
    return new PcGradToyConfig(List.of(List.of(0.5, -3.0), List.of(-8.5, 7.5),
        List.of(-8.5, -5.0), List.of(9.0, 9.0), List.of(6.0, -8.0)), 500_000, 100_000, 1e-3, 500,
        0.5, -20, 0.05, List.of(1L, 2L, 3L, 4L, 5L));
  }

  /** The quick run: the same settings from the first two starts. */
  public static PcGradToyConfig quick() {
    return defaults().withSeeds(List.of(1L, 2L));
  }

  @Override
  public PcGradToyConfig withSeeds(List<Long> newSeeds) {
    return PcGradToyConfigBuilder.With.super.withSeeds(newSeeds);
  }
}
