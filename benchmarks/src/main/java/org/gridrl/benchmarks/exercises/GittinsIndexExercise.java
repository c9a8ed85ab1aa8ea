package org.gridrl.benchmarks.exercises;

/**
 * Exercise 10, the Gittins index of one arm (docs/exercises/10-gittins-index.md): for a Bernoulli
 * arm whose success probability has a Beta(α, β) posterior, under discount γ, the rate λ of a
 * known arm that makes retiring to it for ever exactly as good as playing on:
 * <pre>
 *   ν(α, β) = the λ with  λ/(1−γ) = max{ λ/(1−γ), μ + γ[μ V_λ(α+1, β) + (1−μ) V_λ(α, β+1)] },
 *   V_λ(a, b) = max{ λ/(1−γ), a/(a+b) + γ[a/(a+b) V_λ(a+1, b) + b/(a+b) V_λ(a, b+1)] },
 *   μ = α/(α+β)
 * </pre>
 */
public interface GittinsIndexExercise {

  /**
   * The index ν(α, β) under discount γ, to within 1e−6.
   *
   * @param alpha α &gt; 0 (1 + successes under a uniform prior)
   * @param beta β &gt; 0 (1 + failures under a uniform prior)
   * @param gamma γ ∈ (0, 1)
   * @return ν ∈ [α/(α+β), 1]
   */
  double index(double alpha, double beta, double gamma);
}
