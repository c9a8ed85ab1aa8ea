package org.gridrl.core.pg;

import org.gridrl.core.nn.Module;

/**
 * What training a policy-gradient algorithm returns.
 *
 * @param policy the trained policy (its parameters are the final ones)
 * @param value the trained state-value network V(s) (obs → 1)
 * @param iterations the number of iterations run
 * @param environmentSteps the number of environment steps sampled
 * @param lastEpisodicReturn mean undiscounted return of the episodes that ended in the last
 *     iteration that had any (NaN if none ever ended)
 */
public record PgResult(Policy policy, Module value, int iterations, long environmentSteps,
    double lastEpisodicReturn) {
}
