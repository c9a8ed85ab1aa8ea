/**
 * MAML (Finn, Abbeel &amp; Levine 2017) for policy-gradient reinforcement learning: meta-learned
 * initial parameters θ whose one policy-gradient step θ' = θ + α∇J_task(θ) on a new task's
 * batch does well on that task, trained through the inner step with exact second-order
 * gradients ({@code core.autodiff.Tape} with {@code createGraph}), sampling by
 * {@code core.pg.Sampler}, outer step by {@code core.optim.Adam}.
 */
package org.gridrl.meta.maml;
