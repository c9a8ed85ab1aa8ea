/**
 * Shared utilities: the seeded splittable {@link org.gridrl.core.util.Rng} and the metrics
 * stream {@link org.gridrl.core.util.TrainingListener} (with the in-memory
 * {@link org.gridrl.core.util.MetricsRecorder}), and {@link org.gridrl.core.util.Numbers#shortest}
 * (the shortest exact decimal text of a double, used by every file gridrl writes), and how inputs
 * are guarded: {@link org.gridrl.core.util.TextFiles} (strict UTF-8 with the line and column of a
 * bad byte) and {@link org.gridrl.core.util.MemoryBudget} (whether a request fits the heap,
 * asked before it is allocated).
 */
package org.gridrl.core.util;
