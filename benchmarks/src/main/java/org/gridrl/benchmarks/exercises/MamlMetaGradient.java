package org.gridrl.benchmarks.exercises;

/**
 * Exercise 11, the MAML inner step and meta-gradient (docs/exercises/11-maml-meta-gradient.md;
 * Finn, Abbeel &amp; Levine 2017, Algorithm 3, in the ascent form of the library's
 * {@code meta.maml.Maml}): for one task with a training objective J_tr and a test objective
 * J_test, both to be maximised,
 * <pre>
 *   θ'    = θ + α ∇J_tr(θ)
 *   F(θ)  = J_test(θ')
 *   ∇F(θ) = (I + α ∇²J_tr(θ)) ∇J_test(θ')        (the Hessian is symmetric)
 * </pre>
 * and the first-order approximation ∇F(θ) ≈ ∇J_test(θ'), which drops α ∇²J_tr(θ) ∇J_test(θ').
 */
public interface MamlMetaGradient {

  /**
   * A task objective J, given through its derivatives (the grader computes them with the
   * library's automatic differentiation). Arguments are read, never kept or modified.
   */
  interface Objective {

    /** The number n of parameters θ. */
    int dimension();

    /** J(θ). */
    double value(double[] theta);

    /** ∇J(θ), a new array of length n. */
    double[] gradient(double[] theta);

    /** ∇²J(θ) v, the Hessian-vector product, a new array of length n. */
    double[] hessianVectorProduct(double[] theta, double[] v);
  }

  /**
   * The inner step θ' = θ + α ∇J_tr(θ).
   *
   * @param theta θ, length n
   * @param train J_tr
   * @param alpha α ≥ 0
   * @return θ', a new array of length n
   */
  double[] innerStep(double[] theta, Objective train, double alpha);

  /**
   * The exact meta-gradient ∇F(θ) = ∇J_test(θ') + α ∇²J_tr(θ) ∇J_test(θ').
   *
   * @return a new array of length n
   */
  double[] metaGradient(double[] theta, Objective train, Objective test, double alpha);

  /**
   * The first-order meta-gradient ∇J_test(θ'), θ' from the inner step.
   *
   * @return a new array of length n
   */
  double[] firstOrderMetaGradient(double[] theta, Objective train, Objective test,
      double alpha);
}
