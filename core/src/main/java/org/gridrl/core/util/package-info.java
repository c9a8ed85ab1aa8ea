/**
 * Shared utilities: the seeded splittable {@link org.gridrl.core.util.Rng} and the metrics
 * stream {@link org.gridrl.core.util.TrainingListener} (with the in-memory
 * {@link org.gridrl.core.util.MetricsRecorder}), and {@link org.gridrl.core.util.Numbers#shortest}
 * (the shortest exact decimal text of a double, used by every file gridrl writes).
 */
package org.gridrl.core.util;
