/**
 * Graded exercises for a course built on the lecture: small interfaces a student implements
 * ({@link org.gridrl.benchmarks.exercises.SoftBellmanBackup},
 * {@link org.gridrl.benchmarks.exercises.DiscountedVisitation},
 * {@link org.gridrl.benchmarks.exercises.MaxEntGradient},
 * {@link org.gridrl.benchmarks.exercises.DeepMaxEntBackward},
 * {@link org.gridrl.benchmarks.exercises.GeneralizedAdvantage},
 * {@link org.gridrl.benchmarks.exercises.PpoClippedSurrogate},
 * {@link org.gridrl.benchmarks.exercises.AirlDiscriminator},
 * {@link org.gridrl.benchmarks.exercises.PcGradProjection},
 * {@link org.gridrl.benchmarks.exercises.DistralPrior},
 * {@link org.gridrl.benchmarks.exercises.GittinsIndexExercise},
 * {@link org.gridrl.benchmarks.exercises.MamlMetaGradient},
 * {@link org.gridrl.benchmarks.exercises.ProductOfGaussiansExercise}), each with seeded random
 * cases on which the {@link org.gridrl.benchmarks.exercises.Grader} compares the student's
 * answer with the library's own implementation (core.planning, core.pg, irl, irl.sampled,
 * multitask, meta.baselines, meta.maml, meta.pearl), reporting per case PASS or FAIL with the
 * largest error and where it is. The statement of exercise N is docs/exercises/NN-name.md (also inside
 * the jar, printed by {@code gridrl exercise show N}). The interfaces take and return plain
 * numbers and arrays (exercise 11 also calls back into the objectives it is given), so a
 * solution needs nothing but the JDK.
 */
package org.gridrl.benchmarks.exercises;
