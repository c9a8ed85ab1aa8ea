/**
 * Metrics of a learned reward against the truth: expected value difference (Levine et al.
 * 2011), reward correlation, policy agreement and the demonstrations' log-likelihood.
 */
package org.gridrl.irl.metrics;
