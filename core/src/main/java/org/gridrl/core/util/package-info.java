/**
 * Shared utilities: the seeded splittable {@link org.gridrl.core.util.Rng} and the metrics
 * stream {@link org.gridrl.core.util.TrainingListener}.
 */
package org.gridrl.core.util;
