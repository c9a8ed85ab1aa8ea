/** Probability distributions over actions on autodiff tensors (sampling, log-probabilities). */
package org.gridrl.core.dist;
