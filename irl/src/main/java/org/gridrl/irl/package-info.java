/**
 * Inverse reinforcement learning: recover a reward from demonstrations.
 *
 * <p>Planned algorithms (each arrives with its own issue and calls the kernels in
 * {@code org.gridrl.core}): max-margin feature matching and structured max-margin with slack,
 * maximum-entropy IRL and deep MaxEnt IRL (soft value iteration + state visitation from
 * {@code core.planning}), guided cost learning, GAIL and AIRL (policy-gradient kernels from
 * {@code core.pg}). Until then this module holds no classes.
 */
package org.gridrl.irl;
