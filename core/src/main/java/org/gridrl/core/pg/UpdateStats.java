package org.gridrl.core.pg;

/**
 * What one policy-gradient update reports (averaged over its gradient steps).
 *
 * @param policyLoss the policy loss (score function or PPO surrogate)
 * @param valueLoss ½ mean squared value error (clipped form if enabled)
 * @param entropy mean policy entropy over the steps
 * @param approxKl mean of (ρ − 1) − log ρ, an estimate of KL(π_old ‖ π_θ) (Schulman's k3);
 *     NaN for methods that do not track it
 * @param clipFraction fraction of steps with |ρ − 1| &gt; ε (PPO), NaN otherwise
 * @param gradientSteps the number of optimiser steps taken
 */
public record UpdateStats(double policyLoss, double valueLoss, double entropy, double approxKl,
    double clipFraction, int gradientSteps) {
}
