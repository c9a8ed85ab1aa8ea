/**
 * Multi-task reinforcement learning.
 *
 * <p>Planned algorithms (each arrives with its own issue and calls the kernels in
 * {@code org.gridrl.core}): task-conditioned actor-critic ({@code core.pg}), Distral
 * (soft value iteration with a prior policy from {@code core.planning}, and its neural form),
 * divide-and-conquer distillation, and gradient surgery (PCGrad, MGDA, CAGrad). Until then this
 * module holds no classes.
 */
package org.gridrl.multitask;
