/**
 * Neural network modules over {@link org.gridrl.core.autodiff.Tape}: a
 * {@link org.gridrl.core.nn.Module} owns named parameter matrices and has a functional forward
 * that takes the parameter tensors as an argument (so MAML can run it with adapted parameters);
 * {@link org.gridrl.core.nn.Linear}, {@link org.gridrl.core.nn.Mlp}, the hidden
 * {@link org.gridrl.core.nn.Activation}s and seeded {@link org.gridrl.core.nn.Init} schemes.
 * Recurrent cells (GRU) and saving/loading parameters are extension points: a new module
 * implements {@link org.gridrl.core.nn.Module#parameters()} and the functional forward.
 */
package org.gridrl.core.nn;
