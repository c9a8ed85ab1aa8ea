package org.gridrl.meta.maml;

import io.soabase.recordbuilder.core.RecordBuilder;
import org.gridrl.core.optim.TrustRegion;
import org.gridrl.core.util.Check;

/**
 * Hyperparameters of {@link Maml}. The defaults follow the authors' point-navigation script,
 * cbfinn/maml_rl {@code maml_examples/maml_trpo_point.py} (and its evaluation script
 * {@code maml_examples/test_maml_point.py}) where it sets a value:
 * <ul>
 *   <li>inner (fast) step size α = 0.5 ({@code fast_learning_rates = [0.5]});</li>
 *   <li>episodes per task and inner step 20 ({@code fast_batch_size = 20}, counted in
 *       trajectories of {@code max_path_length = 100} steps);</li>
 *   <li>meta-batch 20 tasks: the script in the repository sets {@code meta_batch_size = 40}
 *       ("20 is fairly stable, 40 is more stable"), but the parameters its evaluation script
 *       loads for the ICML figure were trained with 20 ({@code trpomaml1_fbs20_mbs20_flr_0.5...});
 *       we take the figure's value;</li>
 *   <li>one inner step at meta-training ({@code num_grad_updates = 1}), 100 iterations
 *       ({@code n_itr = 100});</li>
 *   <li>γ = 0.99 ({@code BatchMAMLPolopt}'s default discount), λ = 1 (its {@code gae_lambda}),
 *       so Â_t = G_t − b(s_t);</li>
 *   <li>the linear feature baseline ({@code baselines = ['linear']}, rllab's
 *       {@code LinearFeatureBaseline}: least squares on [o, o², t/100, (t/100)², (t/100)³, 1]
 *       fitted per task to the returns of the very batch it is used on, see
 *       {@link LinearFeatureBaseline}); it is kept because it needs no training of its own and
 *       does not depend on θ, so the inner step stays a function of θ alone;</li>
 *   <li>advantages standardised per task batch ({@code center_adv = True});</li>
 *   <li>at test time several plain gradient steps, the first of size α and every later one of
 *       size α/2 ({@code test_maml_point.py}: VPG with {@code init_learning_rate = α} for the
 *       first update and a {@code GradientDescentOptimizer} of {@code 0.5·α} after it), on
 *       batches of 40 episodes ({@code batch_size = 4000} steps).</li>
 * </ul>
 * The reference's outer step is TRPO ({@code MAMLTRPO}: mean KL bound 0.01, rllab's
 * {@code ConjugateGradientOptimizer} with its defaults, {@link TrustRegion.Config#defaults()});
 * it is {@link Outer#TRPO} here. The default outer step stays {@link Outer#ADAM}, whose step
 * size is ours.
 *
 * @param iterations meta-updates, ≥ 1
 * @param metaBatchSize tasks T_i ~ p(T) per meta-update, ≥ 1
 * @param episodesPerTask whole episodes sampled per task for each inner step and for the
 *     post-update batch, ≥ 1
 * @param innerStepSize α of θ' = θ + α∇J_tr(θ), &gt; 0
 * @param innerSteps inner gradient steps during meta-training, ≥ 1 (all of size α)
 * @param testSteps inner steps {@link Maml#adapt} evaluates by default, ≥ 0
 * @param laterTestStepScale the step size of test step k ≥ 2 is α·{@code laterTestStepScale},
 *     in (0, 1]
 * @param testEpisodesPerTask episodes per batch at test time, ≥ 1
 * @param gamma discount γ in [0, 1] of the reward-to-go G_t
 * @param linearBaseline whether Â_t = G_t − b(s_t) with {@link LinearFeatureBaseline} (else
 *     Â_t = G_t)
 * @param normalizeAdvantages whether Â is standardised per task batch
 * @param firstOrder whether the meta-gradient stops at θ' (∇_θ' J_val(θ'), first-order MAML)
 *     instead of going through the inner step
 * @param outerLearningRate Adam step size of the outer update, &gt; 0 (unused by TRPO)
 * @param outer the outer optimiser: {@link Outer#ADAM} or {@link Outer#TRPO}
 * @param trustRegion δ, CG and line-search settings of {@link Outer#TRPO} (unused by Adam)
 * @param seed seeds the tasks, the environments, the actions and the policy's initialisation
 * @param threads threads the tasks of a meta-batch are processed on, ≥ 1; the result does not
 *     depend on it
 */
@RecordBuilder
public record MamlConfig(int iterations, int metaBatchSize, int episodesPerTask,
    double innerStepSize, int innerSteps, int testSteps, double laterTestStepScale,
    int testEpisodesPerTask, double gamma, boolean linearBaseline, boolean normalizeAdvantages,
    boolean firstOrder, double outerLearningRate, Outer outer, TrustRegion.Config trustRegion,
    long seed, int threads) implements MamlConfigBuilder.With {

  /** The outer (meta) optimiser. */
  public enum Outer {
    /** One Adam step of size {@code outerLearningRate} on −(1/n) Σ_i F_i. */
    ADAM,
    /**
     * One trust-region step (conjugate gradient on the Hessian of the mean KL between the old
     * and the new post-update policies on the post-update batches, then a line search on the
     * likelihood-ratio surrogate), as the reference's {@code MAMLTRPO}; see {@link Maml}.
     */
    TRPO
  }

  /** Validates every field; messages name the value. */
  public MamlConfig {
    Check.positive("iterations", iterations);
    Check.positive("metaBatchSize", metaBatchSize);
    Check.positive("episodesPerTask", episodesPerTask);
    Check.positiveFinite("innerStepSize", innerStepSize);
    Check.positive("innerSteps", innerSteps);
    Check.nonNegative("testSteps", testSteps);
    Check.argument(laterTestStepScale > 0 && laterTestStepScale <= 1,
        "laterTestStepScale must be in (0, 1], got %s", laterTestStepScale);
    Check.positive("testEpisodesPerTask", testEpisodesPerTask);
    Check.unitInterval("gamma", gamma);
    Check.positiveFinite("outerLearningRate", outerLearningRate);
    Check.notNull("outer", outer);
    Check.notNull("trustRegion", trustRegion);
    Check.positive("threads", threads);
  }

  /**
   * 100 iterations of 20 tasks × 20 episodes, α 0.5, 1 inner step (3 at test, the later ones
   * α/2, 40 episodes each), γ 0.99, linear baseline, standardised advantages, second order,
   * Adam 1e-3 (TRPO settings: the reference's, δ = 0.01, 10 CG iterations, damping 1e-5, CG
   * tolerance 1e-10, backtracking 0.8 up to 15 fractions), seed 0, 1 thread.
   */
  public static MamlConfig defaults() {
    return new MamlConfig(100, 20, 20, 0.5, 1, 3, 0.5, 40, 0.99, true, true, false, 1e-3,
        Outer.ADAM, TrustRegion.Config.defaults(), 0L, 1);
  }

  /** The step size of test-time inner step k ≥ 1: α for k = 1, α·laterTestStepScale after. */
  public double testStepSize(int k) {
    Check.positive("k", k);
    return k == 1 ? innerStepSize : innerStepSize * laterTestStepScale;
  }
}
