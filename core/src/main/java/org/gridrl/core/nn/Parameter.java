package org.gridrl.core.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * A named trainable matrix owned by a {@link Module}; optimisers update {@code value} in place.
 *
 * @param name unique within the module, dotted by layer ("layer0.weight")
 * @param value the numbers
 */
public record Parameter(String name, DMatrixRMaj value) {}
