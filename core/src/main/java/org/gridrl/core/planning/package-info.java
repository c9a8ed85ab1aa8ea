/**
 * Exact tabular planning on a {@link org.gridrl.core.mdp.TabularMdp}: the one place soft value
 * iteration lives, which MaxEnt IRL, Distral and the tabular baselines all call.
 *
 * <p>Front doors (checked; the only classes that validate arguments):
 * <ul>
 *   <li>{@link org.gridrl.core.planning.SoftValueIteration}: V(s) = τ·log Σ_a π0(a|s)
 *       exp(Q(s,a)/τ), discounted ({@link org.gridrl.core.planning.Solution}) or finite
 *       horizon ({@link org.gridrl.core.planning.FiniteHorizonSolution}), settings in
 *       {@link org.gridrl.core.planning.SoftViConfig}, a
 *       {@link org.gridrl.core.planning.ConvergenceReport} that says whether it converged; on
 *       K threads through {@link org.gridrl.core.planning.SoftValueIteration.Parallel}.</li>
 *   <li>{@link org.gridrl.core.planning.ValueIteration}: the hard max, greedy policy.</li>
 *   <li>{@link org.gridrl.core.planning.PolicyEvaluation}: V^π, exact (EJML LU) or
 *       iterative.</li>
 *   <li>{@link org.gridrl.core.planning.StateVisitation} and
 *       {@link org.gridrl.core.planning.FeatureExpectations}: discounted and finite-horizon
 *       visitation, μ = Σ_s d(s) φ(s), and empirical μ̂ from trajectories.</li>
 * </ul>
 *
 * <p>Kernels (public, unchecked, allocation-free static methods over plain arrays, named by
 * their storage): {@link org.gridrl.core.planning.SoftValueCsr} (the soft backup over CSR
 * transitions: the phased sweep, the prior sweep, Q and the policy),
 * {@link org.gridrl.core.planning.SoftValueGrid} (the soft backup over uniform-slip moves,
 * {@link org.gridrl.core.mdp.UniformSlipDynamics}: one exp and one log per state),
 * {@link org.gridrl.core.planning.HardBellmanCsr}, {@link org.gridrl.core.planning.VisitationCsr}.
 *
 * <p>Inside (package-private): the engine {@code SoftViEngine}, which runs an operator
 * ({@code SoftViCsrOperator}, {@code SoftViGridOperator}, {@code SoftViGridActionOperator}) over
 * a fixed block partition on the thread pool {@code BlockPool}, bit-identical for any thread
 * count, with the accelerator {@code Anderson} for
 * {@link org.gridrl.core.planning.SoftViMethod#ANDERSON}; nothing there checks arguments or
 * calls back up into a front door. Terminal states have V = 0 everywhere in this package, and a
 * NaN or infinity during a solve is a {@link org.gridrl.core.planning.DivergenceException}
 * naming the state; metric keys are in {@link org.gridrl.core.planning.Metrics}. Speed:
 * docs/performance.md.
 */
package org.gridrl.core.planning;
