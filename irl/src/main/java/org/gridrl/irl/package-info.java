/**
 * Inverse reinforcement learning with known dynamics: recover a state reward r(s) from
 * demonstrations on a {@link org.gridrl.core.mdp.TabularMdp} with state features φ(s).
 *
 * <p>The data: {@link org.gridrl.irl.Demonstrations} (sampled from a policy through
 * {@code core.env.TabularEnv}, or read from CSV {@code trajectory,step,state,action}),
 * {@link org.gridrl.irl.FeaturesCsv} ({@code state,f0,f1,...}) and an
 * {@link org.gridrl.irl.IrlProblem} that fixes the horizon T, the start distribution of the
 * model's expectations ({@code INIT}: the MDP's d0; {@code EMPIRICAL}: the demos' first states)
 * and the demos' γ^t-weighted feature expectations μ_D.
 *
 * <p>The algorithms follow one shape: a config record with defaults, checked in its compact
 * constructor and varied with generated {@code withX}/{@code with(b -> ...)} methods (the MaxEnt
 * ones nest a {@code core.planning.SoftViConfig planning}: τ, tolerance and sweep method of the
 * backward pass); a static {@code train(problem, config[, listener])}; and one result type,
 * {@link org.gridrl.irl.IrlResult}{@code <C>} (a {@code core.util.TrainingResult}: weights,
 * reward, policy, iterations, converged, final metric, the typed config, the
 * {@code MetricsHistory} and a {@code Provenance}; deep MaxEnt wraps it in a model that also
 * holds the network). Training again from {@code result.provenance().config()} gives the same
 * numbers. The algorithms:
 * <ul>
 *   <li>{@link org.gridrl.irl.MaxEntIrl} — maximum (causal) entropy IRL, Ziebart et al. 2008 /
 *       2010, linear reward. Backward pass: {@code SoftValueIteration.solveFiniteHorizon} (or
 *       {@code solve} for the discounted variant); forward pass: {@code StateVisitation};
 *       gradient E[μ] − μ_D of the convex dual ({@link org.gridrl.irl.MaxEntObjective}); Adam or
 *       exponentiated gradient; L2.</li>
 *   <li>{@link org.gridrl.irl.DeepMaxEntIrl} — maximum-entropy deep IRL, Wulfmeier et al. 2015:
 *       the same objective with an MLP reward ({@code core.nn.Mlp}); the visitation gradient
 *       D − D̂ is back-propagated through the network by {@code core.autodiff.Tape.vjp};
 *       {@code core.optim.Adam}; weight decay.</li>
 *   <li>{@link org.gridrl.irl.MaxMarginIrl} — the projection method of Abbeel &amp; Ng 2004 and
 *       structured max-margin with slack (Ratliff, Bagnell &amp; Zinkevich 2006) by subgradient
 *       with loss-augmented planning. Planning: {@code ValueIteration}; feature expectations:
 *       {@code StateVisitation.finiteHorizon}.</li>
 * </ul>
 * No method here has its own value iteration: all planning goes through {@code core.planning}.
 * Evaluation metrics (expected value difference, reward correlation, policy agreement,
 * log-likelihood) are in {@link org.gridrl.irl.metrics}. Every method reports only the
 * namespaced keys declared once in {@link org.gridrl.irl.Metrics} ({@code irl/feature_gap},
 * {@code irl/log_likelihood}, ...) through a {@link org.gridrl.core.util.TrainingListener}.
 *
 * <p>Guided cost learning, GAIL, AIRL and behaviour cloning, which learn from samples without
 * reading the dynamics, are in {@link org.gridrl.irl.sampled}.
 */
package org.gridrl.irl;
