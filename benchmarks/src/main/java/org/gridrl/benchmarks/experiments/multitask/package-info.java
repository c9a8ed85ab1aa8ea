/**
 * Multi-task experiments: {@code pcgrad-toy}, the gradient combiners of {@code gridrl-multitask}
 * on the two-objective toy of the PCGrad and CAGrad papers ({@link
 * org.gridrl.benchmarks.experiments.multitask.ConflictingToy}).
 */
package org.gridrl.benchmarks.experiments.multitask;
