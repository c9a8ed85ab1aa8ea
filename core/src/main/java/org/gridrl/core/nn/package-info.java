/**
 * Neural network modules over {@link org.gridrl.core.autodiff.Tape}: a
 * {@link org.gridrl.core.nn.Module} owns named parameter matrices and has a functional forward
 * that takes the parameter tensors as an argument (so MAML can run it with adapted parameters);
 * {@link org.gridrl.core.nn.Linear}, {@link org.gridrl.core.nn.Mlp}, the recurrent
 * {@link org.gridrl.core.nn.Gru} cell (PyTorch's GRUCell, for RL²), the hidden
 * {@link org.gridrl.core.nn.Activation}s, seeded {@link org.gridrl.core.nn.Init} schemes, and
 * {@link org.gridrl.core.nn.ParameterIo}, which saves and loads a module's parameters as JSON
 * (exact round trip; errors name file, line and parameter).
 */
package org.gridrl.core.nn;
