/**
 * Small dense linear algebra that EJML's generic kernels do too slowly for the networks in
 * gridrl: {@link org.gridrl.core.linalg.Gemm}, a cache-blocked, register-blocked, allocation-free
 * double matrix product C = op(A)·op(B) (+ C) whose inner loop HotSpot's C2 vectorises, and its
 * unchecked array kernels in {@link org.gridrl.core.linalg.ImplGemm}; and
 * {@link org.gridrl.core.linalg.VectorMath}, elementwise functions (tanh) several times faster
 * than {@code java.lang.Math}'s at full accuracy. Every matrix product in
 * core.autodiff and core.nn goes through here.
 */
package org.gridrl.core.linalg;
