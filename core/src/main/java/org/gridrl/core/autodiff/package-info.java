/**
 * Reverse-mode automatic differentiation over EJML {@code DMatrixRMaj} (rows = batch, columns =
 * features) with gradients of gradients: {@link org.gridrl.core.autodiff.Tape} records ops and
 * differentiates them (optionally recording the backward sweep, for Hessian-vector products and
 * MAML's second-order meta-gradient), {@link org.gridrl.core.autodiff.Tensor} is one recorded
 * value, and {@link org.gridrl.core.autodiff.GradCheck} checks first and second derivatives
 * against central finite differences. Matrix products go through
 * {@link org.gridrl.core.linalg.Gemm}.
 */
package org.gridrl.core.autodiff;
