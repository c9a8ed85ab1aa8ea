/**
 * Exact tabular planning on a {@link org.gridrl.core.mdp.TabularMdp}: the one place soft value
 * iteration lives, which MaxEnt IRL, Distral and the tabular baselines all call.
 *
 * <ul>
 *   <li>{@link org.gridrl.core.planning.SoftValueIteration}: V(s) = τ·log Σ_a π0(a|s)
 *       exp(Q(s,a)/τ), discounted ({@link org.gridrl.core.planning.Solution}) or finite
 *       horizon ({@link org.gridrl.core.planning.FiniteHorizonSolution}), settings in
 *       {@link org.gridrl.core.planning.SoftViConfig}, a
 *       {@link org.gridrl.core.planning.ConvergenceReport} that says whether it converged.</li>
 *   <li>{@link org.gridrl.core.planning.ValueIteration}: the hard max, greedy policy.</li>
 *   <li>{@link org.gridrl.core.planning.PolicyEvaluation}: V^π, exact (EJML LU) or
 *       iterative.</li>
 *   <li>{@link org.gridrl.core.planning.StateVisitation} and
 *       {@link org.gridrl.core.planning.FeatureExpectations}: discounted and finite-horizon
 *       visitation, μ = Σ_s d(s) φ(s), and empirical μ̂ from trajectories.</li>
 * </ul>
 *
 * <p>The checked facades above validate shapes and settings and dispatch to unchecked,
 * allocation-free kernels over the MDP's CSR arrays, named by their storage:
 * {@link org.gridrl.core.planning.SoftBellmanCsr}, {@link org.gridrl.core.planning.HardBellmanCsr},
 * {@link org.gridrl.core.planning.VisitationCsr}.
 *
 * <p>Speed (docs/performance.md): {@link org.gridrl.core.planning.SoftViSolver} runs discounted
 * soft VI on K threads over a fixed block partition (bit-identical for any K), with the V-only
 * CSR kernel {@link org.gridrl.core.planning.SoftValueCsr} or, for uniform-slip dynamics
 * ({@link org.gridrl.core.planning.UniformSlipDynamics}: grid worlds, ObjectWorld, BinaryWorld,
 * detected exactly in an MDP or handed over without CSR arrays), the structured kernel
 * {@link org.gridrl.core.planning.SoftValueGrid} with one exp and one log per state;
 * {@link org.gridrl.core.planning.SoftViMethod#ANDERSON} reaches the same fixed point in about a
 * quarter of the sweeps. Terminal states have V = 0 everywhere in this
 * package, and a NaN or infinity during a solve is a
 * {@link org.gridrl.core.planning.DivergenceException} naming the state.
 */
package org.gridrl.core.planning;
