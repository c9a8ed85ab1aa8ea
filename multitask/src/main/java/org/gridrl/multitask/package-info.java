/**
 * Multi-task reinforcement learning.
 *
 * <p>Gradient surgery over per-task gradients of the shared parameters, kernels over plain
 * arrays ({@code combine(taskGradients, numTasks, dim, out)}, a caller-owned output, a workspace
 * reused after warm-up), usable with any {@code core.nn} model and {@code core.optim} optimiser
 * through {@link org.gridrl.multitask.GradientVector} (flatten a parameter-gradient list into one
 * row per task, combine, cut the direction back into the optimiser's list):
 * <ul>
 *   <li>{@link org.gridrl.multitask.Sum} — the summed gradient, the baseline.</li>
 *   <li>{@link org.gridrl.multitask.PcGrad} — PCGrad, Yu et al. 2020: each task gradient
 *       projected off every other one it conflicts with, in a seeded random order, then
 *       summed.</li>
 *   <li>{@link org.gridrl.multitask.Mgda} — MGDA, Sener &amp; Koltun 2018: the min-norm point
 *       of the gradients' convex hull, by away-step Frank–Wolfe on the simplex.</li>
 *   <li>{@link org.gridrl.multitask.CaGrad} — CAGrad, Liu et al. 2021: the best worst-task
 *       improvement in a ball around the average gradient, through its dual on the simplex.</li>
 * </ul>
 * All four return d = Σ_k α_k g_k with α computed from the T×T Gram matrix, so the gradients
 * are read T(T+1)/2 times for the dot products and T times for d. docs/algorithms/multitask.md
 * has the equations and the tests that pin them.
 *
 * <p>Distral, tabular: {@link org.gridrl.multitask.DistralTabular} (Teh et al. 2017) computes the
 * fixed point of the pinned closed form by {@code core.planning.SoftValueIteration} with a prior
 * (π0^α normalised, its log-normaliser moved into the reward) alternated with occupancy-weighted
 * distillation through {@code StateVisitation.discounted}; docs/algorithms/distral.md.
 *
 * <p>Task-conditioned actor-critic: {@link org.gridrl.multitask.TaskConditionedActorCritic}, the
 * lecture's template on {@code core.pg.Ppo} (one actor and critic for all tasks, the one-hot id
 * appended by {@code core.env.OneHotTask}, per-task gradients combined by a
 * {@link org.gridrl.multitask.GradientCombiner} through Ppo's per-task path), with the
 * no-id and independent baselines; {@link org.gridrl.multitask.TaskConditionedSac}, the same
 * template on {@code core.pg.MultiTaskSac} for continuous tasks (a replay buffer per task);
 * every method's per-task policies behind {@link org.gridrl.multitask.TaskPolicies}.
 *
 * <p>Distillation on the PG kernels: {@link org.gridrl.multitask.Distral} (Teh et al. 2017,
 * neural: each task policy trained by {@code core.pg.Ppo} on the regularised reward
 * r + (α/β) log π0 − (1/β) log π_i, π0 distilled by {@code core.pg.PolicyDistillation}) and
 * {@link org.gridrl.multitask.DivideAndConquer} (Ghosh et al. 2018: local policies with a KL
 * penalty towards each other, distilled periodically into one global policy that then trains on
 * all contexts).
 */
package org.gridrl.multitask;
