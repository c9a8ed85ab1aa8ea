package org.gridrl.core.autodiff;

import org.ejml.data.DMatrixRMaj;

/**
 * A node of a {@link Tape}: the value of one recorded operation (a batch × features
 * {@link DMatrixRMaj}) plus what is needed to differentiate it. Tensors are made only by a tape
 * (leaves with {@link Tape#parameter}/{@link Tape#constant}, everything else by an op) and are
 * valid until that tape is {@link Tape#reset() reset}: the tape reuses the objects and their
 * buffers afterwards, so keep matrices, not tensors, across resets.
 *
 * <p>The fluent methods ({@code x.matmul(w).add(b).tanh()}) are shorthands for the tape's ops
 * and follow the same broadcasting rules (see {@link Tape}).
 */
public final class Tensor {

  final Tape tape;
  int id;
  int op;
  Tensor a;
  Tensor b;
  /** A third input, for the one op that has three ({@code gruCell}'s previous state); else null. */
  Tensor c;
  double s0;
  double s1;
  int i0;
  int i1;
  int[] index;
  DMatrixRMaj value;
  DMatrixRMaj own;
  /** A pooled buffer an op keeps for its backward ({@code gruCell}: the gates r | z | n). */
  DMatrixRMaj aux;
  boolean requiresGrad;

  Tensor(Tape tape) {
    this.tape = tape;
  }

  /** The value. Owned by the tape (or, for a leaf, the caller's matrix); treat as read-only. */
  public DMatrixRMaj value() {
    return value;
  }

  /** Number of rows (the batch dimension). */
  public int rows() {
    return value.numRows;
  }

  /** Number of columns (the feature dimension). */
  public int cols() {
    return value.numCols;
  }

  /** The single entry of a 1×1 tensor. */
  public double item() {
    if (value.numRows != 1 || value.numCols != 1) {
      throw new IllegalStateException(
          "item() needs a 1×1 tensor, this one is " + value.numRows + "×" + value.numCols);
    }
    return value.data[0];
  }

  /** Whether gradients flow into this tensor (it depends on a parameter while recording). */
  public boolean requiresGrad() {
    return requiresGrad;
  }

  /** The tape that recorded this tensor. */
  public Tape tape() {
    return tape;
  }

  /** {@link Tape#add(Tensor, Tensor)}. */
  public Tensor add(Tensor o) {
    return tape.add(this, o);
  }

  /** {@link Tape#add(Tensor, double)}. */
  public Tensor add(double c) {
    return tape.add(this, c);
  }

  /** {@link Tape#sub(Tensor, Tensor)}. */
  public Tensor sub(Tensor o) {
    return tape.sub(this, o);
  }

  /** {@link Tape#mul(Tensor, Tensor)}. */
  public Tensor mul(Tensor o) {
    return tape.mul(this, o);
  }

  /** {@link Tape#mul(Tensor, double)}. */
  public Tensor mul(double c) {
    return tape.mul(this, c);
  }

  /** {@link Tape#div(Tensor, Tensor)}. */
  public Tensor div(Tensor o) {
    return tape.div(this, o);
  }

  /** {@link Tape#neg(Tensor)}. */
  public Tensor neg() {
    return tape.neg(this);
  }

  /** {@link Tape#matmul(Tensor, Tensor)}. */
  public Tensor matmul(Tensor o) {
    return tape.matmul(this, o);
  }

  /** {@link Tape#transpose(Tensor)}. */
  public Tensor transpose() {
    return tape.transpose(this);
  }

  /** {@link Tape#exp(Tensor)}. */
  public Tensor exp() {
    return tape.exp(this);
  }

  /** {@link Tape#log(Tensor)}. */
  public Tensor log() {
    return tape.log(this);
  }

  /** {@link Tape#tanh(Tensor)}. */
  public Tensor tanh() {
    return tape.tanh(this);
  }

  /** {@link Tape#sigmoid(Tensor)}. */
  public Tensor sigmoid() {
    return tape.sigmoid(this);
  }

  /** {@link Tape#relu(Tensor)}. */
  public Tensor relu() {
    return tape.relu(this);
  }

  /** {@link Tape#softplus(Tensor)}. */
  public Tensor softplus() {
    return tape.softplus(this);
  }

  /** {@link Tape#square(Tensor)}. */
  public Tensor square() {
    return tape.square(this);
  }

  /** {@link Tape#sqrt(Tensor)}. */
  public Tensor sqrt() {
    return tape.sqrt(this);
  }

  /** {@link Tape#pow(Tensor, double)}. */
  public Tensor pow(double p) {
    return tape.pow(this, p);
  }

  /** {@link Tape#clamp(Tensor, double, double)}. */
  public Tensor clamp(double lo, double hi) {
    return tape.clamp(this, lo, hi);
  }

  /** {@link Tape#sum(Tensor)}. */
  public Tensor sum() {
    return tape.sum(this);
  }

  /** {@link Tape#sum(Tensor, int)}. */
  public Tensor sum(int axis) {
    return tape.sum(this, axis);
  }

  /** {@link Tape#mean(Tensor)}. */
  public Tensor mean() {
    return tape.mean(this);
  }

  /** {@link Tape#mean(Tensor, int)}. */
  public Tensor mean(int axis) {
    return tape.mean(this, axis);
  }

  /** {@link Tape#logSumExp(Tensor)}. */
  public Tensor logSumExp() {
    return tape.logSumExp(this);
  }

  /** {@link Tape#softmax(Tensor)}. */
  public Tensor softmax() {
    return tape.softmax(this);
  }

  /** {@link Tape#logSoftmax(Tensor)}. */
  public Tensor logSoftmax() {
    return tape.logSoftmax(this);
  }

  /** {@link Tape#gather(Tensor, int[])}. */
  public Tensor gather(int[] columnPerRow) {
    return tape.gather(this, columnPerRow);
  }

  /** {@link Tape#slice(Tensor, int, int, int, int)}. */
  public Tensor slice(int row0, int row1, int col0, int col1) {
    return tape.slice(this, row0, row1, col0, col1);
  }

  /** {@link Tape#stopGradient(Tensor)}. */
  public Tensor detach() {
    return tape.stopGradient(this);
  }

  @Override
  public String toString() {
    return "Tensor#" + id + "(" + Tape.opName(op) + ", " + rows() + "×" + cols() + ")";
  }
}
