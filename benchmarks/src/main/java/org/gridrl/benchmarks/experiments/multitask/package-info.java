/**
 * Multi-task experiments: {@code pcgrad-toy}, the gradient combiners of {@code gridrl-multitask}
 * on the two-objective toy of the PCGrad and CAGrad papers ({@link
 * org.gridrl.benchmarks.experiments.multitask.ConflictingToy}); {@code multitask-grid}, the eight
 * methods of {@link org.gridrl.benchmarks.experiments.multitask.MultitaskMethods} on the MT10- and
 * MT50-style grid task sets, scored exactly.
 */
package org.gridrl.benchmarks.experiments.multitask;
